# One INTERFACE target carries warnings and project-wide Qt defines (qBittorrent's pattern).
add_library(triage_options INTERFACE)
target_compile_features(triage_options INTERFACE cxx_std_20)
target_compile_definitions(triage_options INTERFACE
    QT_NO_CAST_FROM_ASCII
    QT_NO_CAST_TO_ASCII
    QT_NO_URL_CAST_FROM_STRING
    QT_NO_FOREACH
    QT_NO_KEYWORDS
    QT_USE_QSTRINGBUILDER
    QT_NO_CONTEXTLESS_CONNECT
    QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
    QT_STRICT_ITERATORS
    TRIAGE_VERSION="${PROJECT_VERSION}")
if(MSVC)
    target_compile_options(triage_options INTERFACE /W4 /permissive- /utf-8)
    if(TRIAGE_WERROR)
        target_compile_options(triage_options INTERFACE /WX)
    endif()
else()
    target_compile_options(triage_options INTERFACE -Wall -Wextra -Wpedantic -Wno-missing-field-initializers)
    if(TRIAGE_WERROR)
        target_compile_options(triage_options INTERFACE -Werror)
    endif()
endif()

# The sanitizer pass (scripts/dev test builds a second tree with it): AddressSanitizer (with
# LeakSanitizer) and UndefinedBehaviorSanitizer; any report fails the test that triggered it.
option(TRIAGE_SANITIZE "Build with AddressSanitizer and UndefinedBehaviorSanitizer" OFF)
if(TRIAGE_SANITIZE AND NOT MSVC)
    set(triage_sanitizers -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer)
    target_compile_options(triage_options INTERFACE ${triage_sanitizers})
    target_link_options(triage_options INTERFACE ${triage_sanitizers})
endif()
