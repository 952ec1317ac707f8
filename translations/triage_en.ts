<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>ConsoleApplication</name>
    <message>
        <source>Start Triage with another profile folder (--profile DIR), or move the damaged one aside and sync again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PrioritySuggester</name>
    <message>
        <source>Suggested %1: the text says “%2” (rule “%3”); impact × urgency alone gives %4.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Suggested %1 from impact %2 × urgency %3.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Texts</name>
    <message>
        <source>New</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Critical</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>High</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Normal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Low</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Incident</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Question</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Medium</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Telegram</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Web</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A closed ticket cannot change status; open a follow-up ticket instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resolve the ticket before closing it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A resolved ticket can only be reopened (to In progress) or closed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A closed ticket is read-only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Assign the ticket before resolving it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The ticket no longer exists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 d %2 h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 d</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>just now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 min ago</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>yesterday %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>My open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unassigned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Breaching within 1 h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Support</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Problem of</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duplicate of</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Parent of</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Child of</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Related to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Priority</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Assignee</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Impact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Urgency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Satisfaction rating</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Satisfaction comment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A ticket cannot be linked to itself.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The linked ticket is not on this computer yet; sync first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Problem ticket</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duplicated by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The disk is full, so nothing was saved. Free some space on this computer and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A ticket cannot move from %1 to %2.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WallPainter</name>
    <message>
        <source>%1 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 h %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 d %2 h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>+%1 more: %2 open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Incoming per hour — %1 today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unassigned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At risk — worst first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>+ %1 more overdue for over a day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing at risk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Service desk — live</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>page %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data as of %1 — reconnecting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting to the server…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Breaches today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SLA today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SLA this week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSAT today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSAT this week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>avg %1 of 5 · %2 ratings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no ratings yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open by priority — %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open by group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agent load — open · ✓ today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>went overdue · %1 this week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 closed timers met</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>triage::AttachmentChips</name>
    <message>
        <source>Attach files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove %1 from this message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove attachment %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attach files…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attach files (Ctrl+Shift+A), or drop them on the ticket, or paste a screenshot</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>triage::AttachmentListModel</name>
    <message>
        <source>on the ticket</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>on an internal note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>on a reply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>downloading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not downloaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>available offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, %2 bytes, sha256 %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>triage::AttachmentsController</name>
    <message>
        <source>Could not save the file as %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This file was not downloaded yet; connect to the server to get it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not store the file in the profile: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The download failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>triage::AttachmentsPane</name>
    <message>
        <source>Attachments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The ticket&apos;s files; Enter opens one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No attachments.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save &amp;as…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save attachment</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>triage::CardDelegate</name>
    <message>
        <source>pending</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>triage::CommandPalette</name>
    <message>
        <source>Command palette</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type a command…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Command</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type part of a command name; Up and Down choose, Enter runs it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Matching commands</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>triage::ComposerAttachments</name>
    <message>
        <source>“%1” is a folder; attach the files in it instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not attach “%1”: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not attach the pasted picture: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>triage::ConflictListModel</name>
    <message>
        <source>a ticket no longer on the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your reply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your new ticket</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your move</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>was changed by someone else meanwhile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is on hold: the ticket was closed or answered meanwhile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is missing on the server (restored from a backup?)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>was refused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 on %2 %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleting a saved view was refused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your saved view “%1” was refused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your file “%1”</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>triage::ConflictsDialog</name>
    <message>
        <source>Apply &amp;mine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Keep the server&apos;s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send as internal &amp;note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Copy my text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changes that need your decision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What you wrote</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apply your values again on top of the server&apos;s current state</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drop your change; the server&apos;s state stays</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server could not apply these changes as you made them. Nothing is lost: choose what should happen to each.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your text:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>triage::ConversationDelegate</name>
    <message>
        <source>Internal note · %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (requester)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · public reply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>▾ Hide quoted text</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>▸ Show quoted text (%n line(s))</source>
        <translation>
            <numerusform>▸ Show quoted text (%n line)</numerusform>
            <numerusform>▸ Show quoted text (%n lines)</numerusform>
        </translation>
    </message>
    <message>
        <source>waiting to upload</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>downloading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not downloaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>loading…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>triage::ConversationFileActions</name>
    <message>
        <source>Save attachment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save %1 as…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save %1 as…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>triage::ConversationModel</name>
    <message>
        <source>Unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reply from %1, %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Internal note from %1, %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n attached file(s): %1</source>
        <translation>
            <numerusform>%n attached file: %1</numerusform>
            <numerusform>%n attached files: %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>triage::DBusNotifier</name>
    <message>
        <source>Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Take</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>triage::EngineSyncStatus</name>
    <message>
        <source>never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed out by the server: sign in again. Your changes are kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server unreachable (%1); retrying. Last sync: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync failed: %1. Last sync: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last sync: %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>triage::KanbanColumnModel</name>
    <message>
        <source>pending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2, priority %3, %4, SLA %5 %6</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>assigned to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unassigned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>changes not synced yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>new for more than %n minute(s)</source>
        <translation>
            <numerusform>new for more than %n minute</numerusform>
            <numerusform>new for more than %n minutes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>triage::KanbanController</name>
    <message>
        <source>Unassigned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lanes only group the cards: drop it in its own lane (%1), or change the priority in the ticket.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lanes only group the cards: drop it in its own lane (%1), or change the assignee in the ticket.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is a read-only account: cards cannot be moved.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>triage::KanbanPage</name>
    <message>
        <source>Show all closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Closed column shows recently closed tickets only unless this is checked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move refused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cards in %1. Ctrl+Left and Ctrl+Right move the card to the next column, Ctrl+Up and Ctrl+Down reorder it, Enter opens it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1  %2 / %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1  %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>▲ over WIP limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>(+%n older)</source>
        <translation>
            <numerusform>(+%n older)</numerusform>
            <numerusform>(+%n older)</numerusform>
        </translation>
    </message>
    <message>
        <source>#%1 was not moved: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not moved: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;wimlanes:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>By priority</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>By assignee</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Swimlanes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Groups the cards in rows by priority or by assignee; moving a card changes its status only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 — %n card(s)</source>
        <translation>
            <numerusform>%1 — %n card</numerusform>
            <numerusform>%1 — %n cards</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>triage::LinkedTicketsModel</name>
    <message>
        <source>%1 a ticket not in the local cache</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2 · %3 · %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter or double-click opens the linked ticket</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The linked ticket is not in your cache (no access, or not synced yet)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>triage::LinksPane</name>
    <message>
        <source>Linked tickets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Problems, duplicates, parents and related tickets; Enter opens one, Delete removes it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Link kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How this ticket relates to the one you link</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ticket to link</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The number of a ticket on this computer; Enter adds the link</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add &amp;link</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Links the ticket; works offline, synced later</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Removes the selected link</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. #1042</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No linked tickets. Link a duplicate, its problem ticket or a related ticket below.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>triage::LocalChangesModel</name>
    <message>
        <source>%1 — %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File → Conflicts… decides what happens to this change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved on this computer; sent with the next sync</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>triage::LocalSyncStatus</name>
    <message>
        <source>No server configured: working from the local cache</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not connected to %1: changes are kept and sent later</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>triage::MainWindow</name>
    <message>
        <source>Triage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Triage — %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Views and boards</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved views with their live ticket counts, and kanban boards</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Find…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select &amp;all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Next ticket</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Previous ticket</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Ticket</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Assign to me</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About Triage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About Triage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Triage %1 — a native, offline-first service-desk console.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a ticket to see it here.
Enter opens it, R replies, N adds an internal note.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New ticket…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open ticket in new &amp;window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Command palette…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move card to the previous column</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move card to the next column</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Internal &amp;note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ticket created; it gets its number when it syncs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save as view</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name of the new personal view:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Local cache rebuilt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The local cache was damaged and has been rebuilt; your unsynced changes were kept.

%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The view could not be saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved “%1” under Views</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not signed in: working on the local cache.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) have not reached the server yet. They stay on this computer and are sent after you sign in again. Sign out anyway?</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Signed out. The cache and any unsynced changes are kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;ync now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Conflicts…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign &amp;out…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reports…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server did not accept the change to “%1”: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit view…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You cannot change this view.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is shared with the team</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a view of yours in the sidebar to edit it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit view</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>View name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use the &amp;current filter and search text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Shared with the team</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Everyone sees shared views in their sidebar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only leads and administrators share views</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This account (a viewer) can read every ticket of its groups but change none: the server refuses its edits, so the console offers none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read-only account: tickets cannot be created from it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read-only account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Columns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file “%1” could not be uploaded (%2); the message was sent without it. See Sync conflicts.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>triage::NavigationModel</name>
    <message>
        <source>Views</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Boards</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1, %n ticket(s)</source>
        <translation>
            <numerusform>%1, %n ticket</numerusform>
            <numerusform>%1, %n tickets</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Shared view: %n ticket(s)</source>
        <translation>
            <numerusform>Shared view: %n ticket</numerusform>
            <numerusform>Shared view: %n tickets</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Personal view: %n ticket(s)</source>
        <translation>
            <numerusform>Personal view: %n ticket</numerusform>
            <numerusform>Personal view: %n tickets</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Board: %n open ticket(s)</source>
        <translation>
            <numerusform>Board: %n open ticket</numerusform>
            <numerusform>Board: %n open tickets</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>triage::NewTicketDialog</name>
    <message>
        <source>New ticket</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requester</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who is calling? Type a name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One line: what is wrong</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What the caller says, what they tried, how it affects them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Impact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Urgency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How many people or how much of the business is affected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How soon it hurts if nothing is done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Priority</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Requester</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>T&amp;ype</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Impact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Urgency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Priority</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create ticket</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A title is needed.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>triage::NotificationCenter</name>
    <message>
        <source>Triage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Assigned to you: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requester replied on %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You were mentioned on %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SLA breached: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SLA warning: %1 due in %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Triage — %n alert(s) not acknowledged</source>
        <translation>
            <numerusform>Triage — %n alert not acknowledged</numerusform>
            <numerusform>Triage — %n alerts not acknowledged</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>triage::NotificationsPage</name>
    <message>
        <source>&amp;Link Telegram…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Copy command</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Unlink</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tickets &amp;assigned to me</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Critical tickets in my groups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;SLA warnings and breaches of my tickets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Escalations to me as a group lead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Telegram</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send me in Telegram</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alerts come with buttons: Take assigns the ticket to you, Open shows it in the chat. Desktop notifications for SLA deadlines stay on in the console.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>your Telegram account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Linked to %1 since %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not linked. Link your Telegram account to get alerts away from the desk.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No Telegram bot is connected to the server yet: ask an administrator.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &lt;a href=&quot;%1&quot;&gt;%2&lt;/a&gt; and press Start, or send &lt;b&gt;%3&lt;/b&gt; to %4. The code works once, until %5.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send &lt;b&gt;%1&lt;/b&gt; to the support bot in Telegram. The code works once, until %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for the bot to receive the code…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The code has expired. Link again to get a new one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect to the server to see and change notifications.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server cannot be reached (%1): notification settings are kept there.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>triage::QueueColumns</name>
    <message>
        <source>Hidden for now: the table is too narrow</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>triage::QueueController</name>
    <message>
        <source>This is a read-only account: tickets cannot be changed from it.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>triage::QueueModel</name>
    <message>
        <source>pending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unassigned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ticket %1, %2, priority %3, status %4, SLA %5 %6</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>changes not synced yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created offline: the server assigns the number when it syncs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changes not synced yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>New for more than %n minute(s)</source>
        <translation>
            <numerusform>New for more than %n minute</numerusform>
            <numerusform>New for more than %n minutes</numerusform>
        </translation>
    </message>
    <message>
        <source>SLA %1 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requester</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Priority</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Assignee</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Updated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SLA</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No longer in this view; it leaves when you move to another ticket</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no longer in this view</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>triage::QueuePage</name>
    <message>
        <source>Filter by title or number, search comments too  ( / )</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter and search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filters the queue as you type; also searches ticket text and comments in Russian and English</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Assign to me</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Assigns the selected tickets to you</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Assign</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Assigns the selected tickets to an agent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unassigned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changes the status of the selected tickets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Priority</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changes the priority of the selected tickets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ticket queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tickets of the selected view. Enter opens a ticket; J and K move; A assigns to you</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 — %n ticket(s)</source>
        <translation>
            <numerusform>%1 — %n ticket</numerusform>
            <numerusform>%1 — %n tickets</numerusform>
        </translation>
    </message>
    <message>
        <source>No tickets in the local cache yet.
They appear here as soon as the first sync finishes; you can already create tickets (Ctrl+N).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing matches “%1” in this view.
Clear the filter (Esc) or look in All tickets.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing here. This view is empty — well done.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n selected:</source>
        <translation>
            <numerusform>%n selected:</numerusform>
            <numerusform>%n selected:</numerusform>
        </translation>
    </message>
    <message>
        <source>Selected:</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n ticket(s) changed</source>
        <translation>
            <numerusform>%n ticket changed</numerusform>
            <numerusform>%n tickets changed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n ticket(s) changed; %1 refused: %2</source>
        <translation>
            <numerusform>%n ticket changed; %1 refused: %2</numerusform>
            <numerusform>%n tickets changed; %1 refused: %2</numerusform>
        </translation>
    </message>
    <message>
        <source>Save as view…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saves the current view and filter as a personal view in the sidebar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read-only account: tickets cannot be changed from it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read-only account: views cannot be saved from it</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>triage::ReportsController</name>
    <message>
        <source>Reports come from the server; sign in to a server to see them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unassigned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pick a recurring issue first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no local cache to create the ticket in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recurring issue: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recurring issue in %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n tickets with the same subject were created between %1 and %2 (found by the reports view, recurring issues).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The first %n are linked.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>triage::ReportsPage</name>
    <message>
        <source>Any</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reports</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 90 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Custom</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To date (inclusive)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Channel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Priority</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export &amp;CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backlog at end</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reopened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First contact resolution</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SLA breaches</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSAT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the tickets behind this number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created and resolved per day, with the backlog</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click a day to list the tickets created that day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created and resolved by hour of day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Per day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agent load</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click a number or a day to list its tickets.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tickets behind the number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>⚠ %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>⚠ The start date is after the end date.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading from the server %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>⚠ Reports come from the server; sign in to a server to see them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From the server %1 — computed there from the event history, as of %2 (%3).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (avg %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First response (business time): median %1, p90 %2 · Resolution: median %3, p90 %4 · SLA compliance: first response %5, resolution %6</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backlog</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 tickets (first %3 listed) — Enter opens one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 tickets — Enter opens one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to export yet: load a report first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export report as CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group: pick one or type to search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agent: pick one or type to search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recurring issues (problem candidates)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Category</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subject words</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tickets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recurring issues</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create &amp;problem ticket linking these</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Creates a ticket of type problem linked to every ticket of the selected issue (works offline)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any agent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>⚠ The problem ticket was not created: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Problem ticket &quot;%1&quot; created, linked to %n tickets; it is sent to the server with your other changes.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>triage::Session</name>
    <message>
        <source>Cannot create the profile folder %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open the local cache %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All tickets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Support</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The disk is full, so the local cache %1 cannot be opened. Free some space on this computer and try again; nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>too large for the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the ticket is no longer there</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>its copy in the profile is gone</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>triage::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Theme</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Light</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Highlight new tickets after</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Highlight tickets in New after</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language and theme apply at once.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings sections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;General</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Notifications</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>triage::SignInDialog</name>
    <message>
        <source>Sign in to Triage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Work offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the tickets already on this computer; changes sync after you sign in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your session has expired. Sign in again; your changes are kept.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>triage::SlaStyle</name>
    <message>
        <source>paused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no SLA</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SLA paused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>on track</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>at risk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>breached</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>triage::SlaTimelineModel</name>
    <message>
        <source>First response</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next response</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>target %1 of business hours (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>target %1, round the clock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>breached %1 ago, still open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>running, %1 left, due %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>running, %1 left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>paused, breached %1 ago</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>paused, %1 left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>missed by %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>met with %1 to spare</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cancelled by a priority change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · %2 · %3 used</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Started (status %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paused: status %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resumed: status %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resumed: reopened as %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warning: %1% of the target used</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warning: %1 before due</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>notify the lead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reassign</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>raise the priority</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Escalation at %1%: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Due</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Breached: the target passed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Met: an agent replied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Met: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Missed: an agent replied after the due time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Missed: %1 after the due time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled: the priority changed, a new cycle started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (expected, if the clock keeps running)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — not synced yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (cycle %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Business time counts only inside the calendar&apos;s hours and outside pauses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Computed from now on the business calendar; moves if the ticket pauses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SLA event</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>triage::SyncIndicator</name>
    <message>
        <source>Opens the list of changes the server could not apply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>● Online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>⟳ Syncing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>○ Offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) waiting to sync</source>
        <translation>
            <numerusform>%n change waiting to sync</numerusform>
            <numerusform>%n changes waiting to sync</numerusform>
        </translation>
    </message>
    <message>
        <source>All changes synced</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n conflict(s)</source>
        <translation>
            <numerusform>%n conflict</numerusform>
            <numerusform>%n conflicts</numerusform>
        </translation>
    </message>
    <message>
        <source>Connection</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>triage::TicketController</name>
    <message>
        <source>waiting to sync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>held: the server asks you to confirm it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>refused by the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>differs from the server&apos;s copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>conflict: someone changed the same field first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created on this computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Moved on the board to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>another column</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Internal note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 → %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tags %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is a read-only account: tickets cannot be changed from it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is a read-only account: it cannot reply or add notes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the number of the ticket to link, e.g. #1042.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no ticket %1 on this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File to upload: %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>triage::TicketHistoryModel</name>
    <message>
        <source>System</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nobody</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>priority %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>group %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>assigned to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ticket created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ticket created: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status: %1 → %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · SLA paused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · SLA resumed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · SLA timers stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Assigned to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unassigned (was %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reassigned: %1 → %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Priority: %1 → %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group: %1 → %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requester replied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Public reply to the requester</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Internal note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Satisfaction rating: %1 of 5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ticket deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 → %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — waiting to sync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved on this computer; sent with the next sync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>triage::TicketView</name>
    <message>
        <source>Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit and press Enter to change the title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open in new window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opens this ticket in its own window, e.g. on another monitor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Priority</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Assignee</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unassigned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Priority</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>T&amp;ype</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Assi&amp;gnee</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gro&amp;up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requester</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SLA</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Public replies and internal notes, oldest first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No replies or notes yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reply to requester</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The requester sees this message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Internal &amp;note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only agents see this message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+Enter sends. Drafts are kept until sent, also across restarts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send (Ctrl+Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sends the message; works offline, it is delivered when the connection is back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New (pending)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no SLA running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no description)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>⟳ not synced yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✓ synced</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your changes are saved locally and will be sent when the connection is back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This ticket was deleted or you lost access to it. Your draft is kept; copy it if you need it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reply to the requester… (Ctrl+Enter sends)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Internal note for agents only… (Ctrl+Enter saves)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send reply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reply saved; it is sent with the next sync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Internal note saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Local changes and their sync state</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each change made on this computer that the server has not confirmed yet, with its state</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Links (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Links</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync (conflicts: %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync (pending: %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changes made here that the server has not confirmed yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Everything on this ticket is synced</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ticket details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>History of changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who changed what and when, oldest first; changes not synced yet are marked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SLA timeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each SLA timer with its start, pauses, warnings, due instant and whether it was met or breached, in business time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No SLA target applies to this ticket.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>History</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SLA (breached)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SLA timeline: when each timer started, paused, warned, is due, and whether it was met or breached</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read-only account: you can read this ticket, its history and its SLA, but not change it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attachments (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attachments</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>triage::WallController</name>
    <message>
        <source>Not signed in: no stored token for %1 and no password (TRIAGE_PASSWORD).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign-in failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server sent something that is not a wall snapshot.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>triage::WallMode</name>
    <message>
        <source>Showing the service desk wall dashboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This wall is not connected to a server yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start it once with the address of your Triage server, for example:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It signs in with the read-only account “wall” (another one with --user NAME); give its password in TRIAGE_PASSWORD the first time. The wall remembers the server and the account from then on: “triage --wall” is enough.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Esc closes this screen.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>triage::WallWindow</name>
    <message>
        <source>Triage — wall</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Service desk wall dashboard</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
