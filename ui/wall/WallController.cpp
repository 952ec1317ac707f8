#include "WallController.h"

namespace triage {

WallController::WallController(Options options, QObject *parent)
    : QObject(parent)
    , m_feed(std::move(options))
{
    connect(&m_feed, &WallFeed::updated, this, &WallController::updated);
}

WallController::~WallController() = default;

QString WallController::problem() const
{
    switch (m_feed.problem()) {
    case WallFeed::Problem::None:
        break;
    case WallFeed::Problem::NoCredentials:
        return tr("Not signed in: no stored token for %1 and no password (TRIAGE_PASSWORD).")
            .arg(m_feed.options().user);
    case WallFeed::Problem::SignInFailed:
        return tr("Sign-in failed: %1").arg(m_feed.problemDetail());
    case WallFeed::Problem::NotASnapshot:
        return tr("The server sent something that is not a wall snapshot.");
    case WallFeed::Problem::RequestFailed:
        return m_feed.problemDetail();
    }
    return {};
}

} // namespace triage
