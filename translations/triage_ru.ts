<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU">
<context>
    <name>ConsoleApplication</name>
    <message>
        <source>Start Triage with another profile folder (--profile DIR), or move the damaged one aside and sync again.</source>
        <translation>Запустите Triage с другой папкой профиля (--profile DIR) или переместите повреждённую в сторону и синхронизируйте заново.</translation>
    </message>
</context>
<context>
    <name>PrioritySuggester</name>
    <message>
        <source>Suggested %1: the text says “%2” (rule “%3”); impact × urgency alone gives %4.</source>
        <translation>Предлагается %1: в тексте есть «%2» (правило «%3»); по влиянию × срочности было бы %4.</translation>
    </message>
    <message>
        <source>Suggested %1 from impact %2 × urgency %3.</source>
        <translation>Предлагается %1: влияние %2 × срочность %3.</translation>
    </message>
</context>
<context>
    <name>Texts</name>
    <message>
        <source>New</source>
        <translation>Новая</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>В работе</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Ожидание</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>Решена</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Закрыта</translation>
    </message>
    <message>
        <source>Critical</source>
        <translation>Критический</translation>
    </message>
    <message>
        <source>High</source>
        <translation>Высокий</translation>
    </message>
    <message>
        <source>Normal</source>
        <translation>Обычный</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>Низкий</translation>
    </message>
    <message>
        <source>Incident</source>
        <translation>Инцидент</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>Запрос</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Проблема</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>Вопрос</translation>
    </message>
    <message>
        <source>Medium</source>
        <translation>Среднее</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Почта</translation>
    </message>
    <message>
        <source>Telegram</source>
        <translation>Telegram</translation>
    </message>
    <message>
        <source>Web</source>
        <translation>Веб</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Телефон</translation>
    </message>
    <message>
        <source>API</source>
        <translation>API</translation>
    </message>
    <message>
        <source>A closed ticket cannot change status; open a follow-up ticket instead.</source>
        <translation>Статус закрытой заявки изменить нельзя; создайте новую заявку-продолжение.</translation>
    </message>
    <message>
        <source>Resolve the ticket before closing it.</source>
        <translation>Сначала решите заявку, потом закрывайте.</translation>
    </message>
    <message>
        <source>A resolved ticket can only be reopened (to In progress) or closed.</source>
        <translation>Решённую заявку можно только вернуть в работу или закрыть.</translation>
    </message>
    <message>
        <source>A closed ticket is read-only.</source>
        <translation>Закрытая заявка доступна только для чтения.</translation>
    </message>
    <message>
        <source>Assign the ticket before resolving it.</source>
        <translation>Назначьте исполнителя, прежде чем решать заявку.</translation>
    </message>
    <message>
        <source>The ticket no longer exists.</source>
        <translation>Заявки больше нет.</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 мин</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 ч %2 мин</translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation>%1 ч</translation>
    </message>
    <message>
        <source>%1 d %2 h</source>
        <translation>%1 д %2 ч</translation>
    </message>
    <message>
        <source>%1 d</source>
        <translation>%1 д</translation>
    </message>
    <message>
        <source>just now</source>
        <translation>только что</translation>
    </message>
    <message>
        <source>%1 min ago</source>
        <translation>%1 мин назад</translation>
    </message>
    <message>
        <source>yesterday %1</source>
        <translation>вчера %1</translation>
    </message>
    <message>
        <source>My open</source>
        <translation>Мои открытые</translation>
    </message>
    <message>
        <source>Unassigned</source>
        <translation>Не назначена</translation>
    </message>
    <message>
        <source>Breaching within 1 h</source>
        <translation>SLA истекает за 1 ч</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Все</translation>
    </message>
    <message>
        <source>Support</source>
        <translation>Поддержка</translation>
    </message>
    <message>
        <source>Problem of</source>
        <translation>Проблема для</translation>
    </message>
    <message>
        <source>Duplicate of</source>
        <translation>Дубликат</translation>
    </message>
    <message>
        <source>Parent of</source>
        <translation>Родительская для</translation>
    </message>
    <message>
        <source>Child of</source>
        <translation>Дочерняя для</translation>
    </message>
    <message>
        <source>Related to</source>
        <translation>Связана с</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Приоритет</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Тип</translation>
    </message>
    <message>
        <source>Assignee</source>
        <translation>Исполнитель</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Группа</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Тема</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Описание</translation>
    </message>
    <message>
        <source>Impact</source>
        <translation>Влияние</translation>
    </message>
    <message>
        <source>Urgency</source>
        <translation>Срочность</translation>
    </message>
    <message>
        <source>Satisfaction rating</source>
        <translation>Оценка удовлетворённости</translation>
    </message>
    <message>
        <source>Satisfaction comment</source>
        <translation>Комментарий к оценке</translation>
    </message>
    <message>
        <source>A ticket cannot be linked to itself.</source>
        <translation>Заявку нельзя связать саму с собой.</translation>
    </message>
    <message>
        <source>The linked ticket is not on this computer yet; sync first.</source>
        <translation>Связанной заявки ещё нет на этом компьютере; сначала синхронизируйте.</translation>
    </message>
    <message>
        <source>Problem ticket</source>
        <translation>Проблема</translation>
    </message>
    <message>
        <source>Duplicated by</source>
        <translation>Есть дубликат</translation>
    </message>
    <message>
        <source>The disk is full, so nothing was saved. Free some space on this computer and try again.</source>
        <translation>Диск заполнен, поэтому ничего не сохранено. Освободите место на этом компьютере и повторите попытку.</translation>
    </message>
    <message>
        <source>A ticket cannot move from %1 to %2.</source>
        <translation>Заявку нельзя перевести из статуса «%1» в «%2».</translation>
    </message>
</context>
<context>
    <name>WallPainter</name>
    <message>
        <source>%1 min</source>
        <translation>%1 мин</translation>
    </message>
    <message>
        <source>%1 h %2</source>
        <translation>%1 ч %2</translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation>%1 ч</translation>
    </message>
    <message>
        <source>%1 d %2 h</source>
        <translation>%1 д %2 ч</translation>
    </message>
    <message>
        <source>no group</source>
        <translation>без группы</translation>
    </message>
    <message>
        <source>+%1 more: %2 open</source>
        <translation>ещё %1: %2 открытых</translation>
    </message>
    <message>
        <source>Incoming per hour — %1 today</source>
        <translation>Поступление по часам — %1 сегодня</translation>
    </message>
    <message>
        <source>unassigned</source>
        <translation>не назначена</translation>
    </message>
    <message>
        <source>At risk — worst first</source>
        <translation>Под угрозой — худшие сверху</translation>
    </message>
    <message>
        <source>+ %1 more overdue for over a day</source>
        <translation>+ ещё %1 просрочены больше суток</translation>
    </message>
    <message>
        <source>Nothing at risk</source>
        <translation>Ничего под угрозой</translation>
    </message>
    <message>
        <source>Service desk — live</source>
        <translation>Служба поддержки — сейчас</translation>
    </message>
    <message>
        <source>page %1 of %2</source>
        <translation>стр. %1 из %2</translation>
    </message>
    <message>
        <source>Data as of %1 — reconnecting</source>
        <translation>Данные на %1 — переподключение</translation>
    </message>
    <message>
        <source>Connecting to the server…</source>
        <translation>Подключение к серверу…</translation>
    </message>
    <message>
        <source>Breaches today</source>
        <translation>Нарушения</translation>
    </message>
    <message>
        <source>SLA today</source>
        <translation>SLA сегодня</translation>
    </message>
    <message>
        <source>SLA this week</source>
        <translation>SLA за неделю</translation>
    </message>
    <message>
        <source>CSAT today</source>
        <translation>CSAT сегодня</translation>
    </message>
    <message>
        <source>CSAT this week</source>
        <translation>CSAT за неделю</translation>
    </message>
    <message>
        <source>avg %1 of 5 · %2 ratings</source>
        <translation>в среднем %1 из 5 · оценок: %2</translation>
    </message>
    <message>
        <source>no ratings yet</source>
        <translation>оценок пока нет</translation>
    </message>
    <message>
        <source>Open by priority — %1</source>
        <translation>Открытые по приоритету — %1</translation>
    </message>
    <message>
        <source>Open by group</source>
        <translation>Открытые по группам</translation>
    </message>
    <message>
        <source>Agent load — open · ✓ today</source>
        <translation>Нагрузка — открытые · ✓ сегодня</translation>
    </message>
    <message>
        <source>went overdue · %1 this week</source>
        <translation>просрочено сегодня · %1 за неделю</translation>
    </message>
    <message>
        <source>%1 of %2 closed timers met</source>
        <translation>в срок: %1 из %2</translation>
    </message>
</context>
<context>
    <name>triage::AttachmentChips</name>
    <message>
        <source>Attach files</source>
        <translation>Прикрепить файлы</translation>
    </message>
    <message>
        <source>Remove %1 from this message</source>
        <translation>Убрать %1 из этого сообщения</translation>
    </message>
    <message>
        <source>Remove attachment %1</source>
        <translation>Убрать вложение %1</translation>
    </message>
    <message>
        <source>Attach files…</source>
        <translation>Прикрепить файлы…</translation>
    </message>
    <message>
        <source>Attach files (Ctrl+Shift+A), or drop them on the ticket, or paste a screenshot</source>
        <translation>Прикрепить файлы (Ctrl+Shift+A), или перетащите их на заявку, или вставьте снимок экрана</translation>
    </message>
</context>
<context>
    <name>triage::AttachmentListModel</name>
    <message>
        <source>on the ticket</source>
        <translation>к заявке</translation>
    </message>
    <message>
        <source>on an internal note</source>
        <translation>к внутренней заметке</translation>
    </message>
    <message>
        <source>on a reply</source>
        <translation>к ответу</translation>
    </message>
    <message>
        <source>downloading…</source>
        <translation>загружается…</translation>
    </message>
    <message>
        <source>not downloaded</source>
        <translation>не загружен</translation>
    </message>
    <message>
        <source>available offline</source>
        <translation>доступен офлайн</translation>
    </message>
    <message>
        <source>%1, %2 bytes, sha256 %3</source>
        <translation>%1, %2 байт, sha256 %3</translation>
    </message>
</context>
<context>
    <name>triage::AttachmentsController</name>
    <message>
        <source>Could not save the file as %1.</source>
        <translation>Не удалось сохранить файл как %1.</translation>
    </message>
    <message>
        <source>This file was not downloaded yet; connect to the server to get it.</source>
        <translation>Этот файл ещё не загружен; подключитесь к серверу, чтобы получить его.</translation>
    </message>
    <message>
        <source>Could not store the file in the profile: %1</source>
        <translation>Не удалось сохранить файл в профиле: %1</translation>
    </message>
    <message>
        <source>The download failed: %1</source>
        <translation>Загрузка не удалась: %1</translation>
    </message>
</context>
<context>
    <name>triage::AttachmentsPane</name>
    <message>
        <source>Attachments</source>
        <translation>Вложения</translation>
    </message>
    <message>
        <source>The ticket&apos;s files; Enter opens one</source>
        <translation>Файлы заявки; Enter открывает выбранный</translation>
    </message>
    <message>
        <source>No attachments.</source>
        <translation>Вложений нет.</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>&amp;Открыть</translation>
    </message>
    <message>
        <source>Save &amp;as…</source>
        <translation>Сохранить &amp;как…</translation>
    </message>
    <message>
        <source>Save attachment</source>
        <translation>Сохранить вложение</translation>
    </message>
</context>
<context>
    <name>triage::CardDelegate</name>
    <message>
        <source>pending</source>
        <translation>ожидает</translation>
    </message>
</context>
<context>
    <name>triage::CommandPalette</name>
    <message>
        <source>Command palette</source>
        <translation>Палитра команд</translation>
    </message>
    <message>
        <source>Type a command…</source>
        <translation>Введите команду…</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>Команда</translation>
    </message>
    <message>
        <source>Type part of a command name; Up and Down choose, Enter runs it</source>
        <translation>Введите часть названия команды; стрелки выбирают, Enter выполняет</translation>
    </message>
    <message>
        <source>Matching commands</source>
        <translation>Подходящие команды</translation>
    </message>
</context>
<context>
    <name>triage::ComposerAttachments</name>
    <message>
        <source>“%1” is a folder; attach the files in it instead.</source>
        <translation>«%1» — это папка; прикрепите файлы из неё.</translation>
    </message>
    <message>
        <source>Could not attach “%1”: %2</source>
        <translation>Не удалось прикрепить «%1»: %2</translation>
    </message>
    <message>
        <source>Could not attach the pasted picture: %1</source>
        <translation>Не удалось прикрепить вставленное изображение: %1</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
</context>
<context>
    <name>triage::ConflictListModel</name>
    <message>
        <source>a ticket no longer on the server</source>
        <translation>заявке, которой больше нет на сервере</translation>
    </message>
    <message>
        <source>Your reply</source>
        <translation>Ваш ответ</translation>
    </message>
    <message>
        <source>Your new ticket</source>
        <translation>Ваша новая заявка</translation>
    </message>
    <message>
        <source>Your move</source>
        <translation>Ваше перемещение</translation>
    </message>
    <message>
        <source>Your change</source>
        <translation>Ваше изменение</translation>
    </message>
    <message>
        <source>was changed by someone else meanwhile</source>
        <translation>— за это время её изменил кто-то другой</translation>
    </message>
    <message>
        <source>is on hold: the ticket was closed or answered meanwhile</source>
        <translation>— отложено: заявку за это время закрыли или на неё уже ответили</translation>
    </message>
    <message>
        <source>is missing on the server (restored from a backup?)</source>
        <translation>— нет на сервере (сервер восстановлен из резервной копии?)</translation>
    </message>
    <message>
        <source>was refused</source>
        <translation>— отклонено сервером</translation>
    </message>
    <message>
        <source>%1 on %2 %3</source>
        <translation>%1 по заявке %2 %3</translation>
    </message>
    <message>
        <source>Deleting a saved view was refused</source>
        <translation>Удаление сохранённого представления отклонено</translation>
    </message>
    <message>
        <source>Your saved view “%1” was refused</source>
        <translation>Ваше сохранённое представление «%1» отклонено</translation>
    </message>
    <message>
        <source>Your file “%1”</source>
        <translation>Ваш файл «%1»</translation>
    </message>
</context>
<context>
    <name>triage::ConflictsDialog</name>
    <message>
        <source>Apply &amp;mine</source>
        <translation>Применить &amp;моё</translation>
    </message>
    <message>
        <source>&amp;Keep the server&apos;s</source>
        <translation>&amp;Оставить серверное</translation>
    </message>
    <message>
        <source>Send as internal &amp;note</source>
        <translation>Отправить как внутреннюю &amp;заметку</translation>
    </message>
    <message>
        <source>&amp;Copy my text</source>
        <translation>&amp;Копировать мой текст</translation>
    </message>
    <message>
        <source>Changes that need your decision</source>
        <translation>Изменения, по которым нужно ваше решение</translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation>Конфликты</translation>
    </message>
    <message>
        <source>What you wrote</source>
        <translation>Что вы написали</translation>
    </message>
    <message>
        <source>Apply your values again on top of the server&apos;s current state</source>
        <translation>Применить ваши значения поверх текущего состояния на сервере</translation>
    </message>
    <message>
        <source>Drop your change; the server&apos;s state stays</source>
        <translation>Отказаться от вашего изменения; остаётся состояние сервера</translation>
    </message>
    <message>
        <source>The server could not apply these changes as you made them. Nothing is lost: choose what should happen to each.</source>
        <translation>Сервер не смог применить эти изменения в том виде, в каком вы их сделали. Ничего не потеряно: выберите, что сделать с каждым.</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Закрыть</translation>
    </message>
    <message>
        <source>Your text:</source>
        <translation>Ваш текст:</translation>
    </message>
</context>
<context>
    <name>triage::ConversationDelegate</name>
    <message>
        <source>Internal note · %1</source>
        <translation>Внутренняя заметка · %1</translation>
    </message>
    <message>
        <source>%1 (requester)</source>
        <translation>%1 (заявитель)</translation>
    </message>
    <message>
        <source>%1 · public reply</source>
        <translation>%1 · ответ заявителю</translation>
    </message>
    <message>
        <source>▾ Hide quoted text</source>
        <translation>▾ Скрыть цитату</translation>
    </message>
    <message numerus="yes">
        <source>▸ Show quoted text (%n line(s))</source>
        <translation>
            <numerusform>▸ Показать цитату (%n строка)</numerusform>
            <numerusform>▸ Показать цитату (%n строки)</numerusform>
            <numerusform>▸ Показать цитату (%n строк)</numerusform>
        </translation>
    </message>
    <message>
        <source>waiting to upload</source>
        <translation>ждёт отправки</translation>
    </message>
    <message>
        <source>downloading…</source>
        <translation>загружается…</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>not downloaded</source>
        <translation>не загружен</translation>
    </message>
    <message>
        <source>loading…</source>
        <translation>загрузка…</translation>
    </message>
</context>
<context>
    <name>triage::ConversationFileActions</name>
    <message>
        <source>Save attachment</source>
        <translation>Сохранить вложение</translation>
    </message>
    <message>
        <source>&amp;Open %1</source>
        <translation>&amp;Открыть %1</translation>
    </message>
    <message>
        <source>Open %1</source>
        <translation>Открыть %1</translation>
    </message>
    <message>
        <source>&amp;Save %1 as…</source>
        <translation>&amp;Сохранить %1 как…</translation>
    </message>
    <message>
        <source>Save %1 as…</source>
        <translation>Сохранить %1 как…</translation>
    </message>
</context>
<context>
    <name>triage::ConversationModel</name>
    <message>
        <source>Unknown</source>
        <translation>Неизвестно</translation>
    </message>
    <message>
        <source>Reply from %1, %2: %3</source>
        <translation>Ответ от %1, %2: %3</translation>
    </message>
    <message>
        <source>Internal note from %1, %2: %3</source>
        <translation>Внутренняя заметка от %1, %2: %3</translation>
    </message>
    <message numerus="yes">
        <source>%n attached file(s): %1</source>
        <translation>
            <numerusform>%n вложенный файл: %1</numerusform>
            <numerusform>%n вложенных файла: %1</numerusform>
            <numerusform>%n вложенных файлов: %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>triage::DBusNotifier</name>
    <message>
        <source>Open</source>
        <translation>Открыть</translation>
    </message>
    <message>
        <source>Take</source>
        <translation>Взять</translation>
    </message>
</context>
<context>
    <name>triage::EngineSyncStatus</name>
    <message>
        <source>never</source>
        <translation>никогда</translation>
    </message>
    <message>
        <source>Signed out by the server: sign in again. Your changes are kept.</source>
        <translation>Сервер завершил сеанс: войдите снова. Ваши изменения сохранены.</translation>
    </message>
    <message>
        <source>Server unreachable (%1); retrying. Last sync: %2.</source>
        <translation>Сервер недоступен (%1); повторяем попытки. Последняя синхронизация: %2.</translation>
    </message>
    <message>
        <source>Sync failed: %1. Last sync: %2.</source>
        <translation>Ошибка синхронизации: %1. Последняя синхронизация: %2.</translation>
    </message>
    <message>
        <source>Last sync: %1.</source>
        <translation>Последняя синхронизация: %1.</translation>
    </message>
</context>
<context>
    <name>triage::KanbanColumnModel</name>
    <message>
        <source>pending</source>
        <translation>ожидает</translation>
    </message>
    <message>
        <source>%1 %2, priority %3, %4, SLA %5 %6</source>
        <translation>%1 %2, приоритет %3, %4, SLA %5 %6</translation>
    </message>
    <message>
        <source>assigned to %1</source>
        <translation>исполнитель %1</translation>
    </message>
    <message>
        <source>unassigned</source>
        <translation>не назначена</translation>
    </message>
    <message>
        <source>changes not synced yet</source>
        <translation>изменения ещё не синхронизированы</translation>
    </message>
    <message numerus="yes">
        <source>new for more than %n minute(s)</source>
        <translation>
            <numerusform>новая дольше %n минуты</numerusform>
            <numerusform>новая дольше %n минут</numerusform>
            <numerusform>новая дольше %n минут</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>triage::KanbanController</name>
    <message>
        <source>Unassigned</source>
        <translation>Без исполнителя</translation>
    </message>
    <message>
        <source>Lanes only group the cards: drop it in its own lane (%1), or change the priority in the ticket.</source>
        <translation>Дорожки только группируют карточки: перетащите её в её дорожку (%1) или измените приоритет в заявке.</translation>
    </message>
    <message>
        <source>Lanes only group the cards: drop it in its own lane (%1), or change the assignee in the ticket.</source>
        <translation>Дорожки только группируют карточки: перетащите её в её дорожку (%1) или смените исполнителя в заявке.</translation>
    </message>
    <message>
        <source>This is a read-only account: cards cannot be moved.</source>
        <translation>Это учётная запись только для чтения: карточки перемещать нельзя.</translation>
    </message>
</context>
<context>
    <name>triage::KanbanPage</name>
    <message>
        <source>Show all closed</source>
        <translation>Показать все закрытые</translation>
    </message>
    <message>
        <source>The Closed column shows recently closed tickets only unless this is checked</source>
        <translation>Колонка «Закрыта» показывает только недавно закрытые заявки, если не отмечено</translation>
    </message>
    <message>
        <source>Move refused</source>
        <translation>Перемещение отклонено</translation>
    </message>
    <message>
        <source>Cards in %1. Ctrl+Left and Ctrl+Right move the card to the next column, Ctrl+Up and Ctrl+Down reorder it, Enter opens it</source>
        <translation>Карточки в колонке «%1». Ctrl+Влево и Ctrl+Вправо переносят карточку в соседнюю колонку, Ctrl+Вверх и Ctrl+Вниз меняют порядок, Enter открывает</translation>
    </message>
    <message>
        <source>%1  %2 / %3</source>
        <translation>%1  %2 / %3</translation>
    </message>
    <message>
        <source>%1  %2</source>
        <translation>%1  %2</translation>
    </message>
    <message>
        <source>▲ over WIP limit</source>
        <translation>▲ выше лимита WIP</translation>
    </message>
    <message numerus="yes">
        <source>(+%n older)</source>
        <translation>
            <numerusform>(+%n старая)</numerusform>
            <numerusform>(+%n старые)</numerusform>
            <numerusform>(+%n старых)</numerusform>
        </translation>
    </message>
    <message>
        <source>#%1 was not moved: %2</source>
        <translation>№%1 не перемещена: %2</translation>
    </message>
    <message>
        <source>Not moved: %1</source>
        <translation>Не перемещена: %1</translation>
    </message>
    <message>
        <source>S&amp;wimlanes:</source>
        <translation>&amp;Дорожки:</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Нет</translation>
    </message>
    <message>
        <source>By priority</source>
        <translation>По приоритету</translation>
    </message>
    <message>
        <source>By assignee</source>
        <translation>По исполнителю</translation>
    </message>
    <message>
        <source>Swimlanes</source>
        <translation>Дорожки</translation>
    </message>
    <message>
        <source>Groups the cards in rows by priority or by assignee; moving a card changes its status only</source>
        <translation>Группирует карточки в строки по приоритету или исполнителю; перемещение карточки меняет только её статус</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message numerus="yes">
        <source>%1 — %n card(s)</source>
        <translation>
            <numerusform>%1 — %n карточка</numerusform>
            <numerusform>%1 — %n карточки</numerusform>
            <numerusform>%1 — %n карточек</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>triage::LinkedTicketsModel</name>
    <message>
        <source>%1 a ticket not in the local cache</source>
        <translation>%1 заявку, которой нет в локальном кэше</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>ожидает номера</translation>
    </message>
    <message>
        <source>%1 %2 · %3 · %4</source>
        <translation>%1 %2 · %3 · %4</translation>
    </message>
    <message>
        <source>Enter or double-click opens the linked ticket</source>
        <translation>Enter или двойной щелчок открывает связанную заявку</translation>
    </message>
    <message>
        <source>The linked ticket is not in your cache (no access, or not synced yet)</source>
        <translation>Связанной заявки нет в вашем кэше (нет доступа или она ещё не синхронизирована)</translation>
    </message>
</context>
<context>
    <name>triage::LinksPane</name>
    <message>
        <source>Linked tickets</source>
        <translation>Связанные заявки</translation>
    </message>
    <message>
        <source>Problems, duplicates, parents and related tickets; Enter opens one, Delete removes it</source>
        <translation>Проблемы, дубликаты, родительские и связанные заявки; Enter открывает, Delete удаляет связь</translation>
    </message>
    <message>
        <source>Link kind</source>
        <translation>Вид связи</translation>
    </message>
    <message>
        <source>How this ticket relates to the one you link</source>
        <translation>Как эта заявка связана с той, которую вы указываете</translation>
    </message>
    <message>
        <source>Ticket to link</source>
        <translation>Связываемая заявка</translation>
    </message>
    <message>
        <source>The number of a ticket on this computer; Enter adds the link</source>
        <translation>Номер заявки, которая есть на этом компьютере; Enter добавляет связь</translation>
    </message>
    <message>
        <source>Add &amp;link</source>
        <translation>Добавить &amp;связь</translation>
    </message>
    <message>
        <source>Links the ticket; works offline, synced later</source>
        <translation>Связывает заявки; работает и без сети, синхронизируется позже</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Удалить</translation>
    </message>
    <message>
        <source>Removes the selected link</source>
        <translation>Удаляет выбранную связь</translation>
    </message>
    <message>
        <source>e.g. #1042</source>
        <translation>напр. #1042</translation>
    </message>
    <message>
        <source>No linked tickets. Link a duplicate, its problem ticket or a related ticket below.</source>
        <translation>Связанных заявок нет. Ниже можно связать дубликат, проблему или связанную заявку.</translation>
    </message>
</context>
<context>
    <name>triage::LocalChangesModel</name>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>File → Conflicts… decides what happens to this change</source>
        <translation>Что делать с этим изменением, решается в «Файл → Конфликты…»</translation>
    </message>
    <message>
        <source>Saved on this computer; sent with the next sync</source>
        <translation>Сохранено на этом компьютере; уйдёт при следующей синхронизации</translation>
    </message>
</context>
<context>
    <name>triage::LocalSyncStatus</name>
    <message>
        <source>No server configured: working from the local cache</source>
        <translation>Сервер не настроен: работа с локальным кэшем</translation>
    </message>
    <message>
        <source>Not connected to %1: changes are kept and sent later</source>
        <translation>Нет связи с %1: изменения сохранены и будут отправлены позже</translation>
    </message>
</context>
<context>
    <name>triage::MainWindow</name>
    <message>
        <source>Triage</source>
        <translation>Triage</translation>
    </message>
    <message>
        <source>Triage — %1</source>
        <translation>Triage — %1</translation>
    </message>
    <message>
        <source>Views and boards</source>
        <translation>Представления и доски</translation>
    </message>
    <message>
        <source>Saved views with their live ticket counts, and kanban boards</source>
        <translation>Сохранённые представления с текущим числом заявок и канбан-доски</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Файл</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>В&amp;ыход</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Правка</translation>
    </message>
    <message>
        <source>&amp;Find…</source>
        <translation>&amp;Найти…</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Поиск</translation>
    </message>
    <message>
        <source>Select &amp;all</source>
        <translation>Выделить &amp;всё</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Вид</translation>
    </message>
    <message>
        <source>&amp;Next ticket</source>
        <translation>&amp;Следующая заявка</translation>
    </message>
    <message>
        <source>&amp;Previous ticket</source>
        <translation>&amp;Предыдущая заявка</translation>
    </message>
    <message>
        <source>&amp;Ticket</source>
        <translation>&amp;Заявка</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>&amp;Открыть</translation>
    </message>
    <message>
        <source>&amp;Assign to me</source>
        <translation>&amp;Взять себе</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Спр&amp;авка</translation>
    </message>
    <message>
        <source>&amp;About Triage</source>
        <translation>&amp;О программе Triage</translation>
    </message>
    <message>
        <source>About Triage</source>
        <translation>О программе Triage</translation>
    </message>
    <message>
        <source>Triage %1 — a native, offline-first service-desk console.</source>
        <translation>Triage %1 — нативная консоль службы поддержки, работающая и без сети.</translation>
    </message>
    <message>
        <source>Select a ticket to see it here.
Enter opens it, R replies, N adds an internal note.</source>
        <translation>Выберите заявку, чтобы увидеть её здесь.
Enter открывает, R — ответ, N — внутренняя заметка.</translation>
    </message>
    <message>
        <source>&amp;New ticket…</source>
        <translation>&amp;Новая заявка…</translation>
    </message>
    <message>
        <source>Open ticket in new &amp;window</source>
        <translation>Открыть заявку в новом &amp;окне</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Настройки…</translation>
    </message>
    <message>
        <source>&amp;Command palette…</source>
        <translation>&amp;Палитра команд…</translation>
    </message>
    <message>
        <source>Move card to the previous column</source>
        <translation>Перенести карточку в предыдущую колонку</translation>
    </message>
    <message>
        <source>Move card to the next column</source>
        <translation>Перенести карточку в следующую колонку</translation>
    </message>
    <message>
        <source>&amp;Reply</source>
        <translation>&amp;Ответить</translation>
    </message>
    <message>
        <source>Internal &amp;note</source>
        <translation>Внутренняя &amp;заметка</translation>
    </message>
    <message>
        <source>Ticket created; it gets its number when it syncs</source>
        <translation>Заявка создана; номер появится после синхронизации</translation>
    </message>
    <message>
        <source>Save as view</source>
        <translation>Сохранить как представление</translation>
    </message>
    <message>
        <source>Name of the new personal view:</source>
        <translation>Название нового личного представления:</translation>
    </message>
    <message>
        <source>Local cache rebuilt</source>
        <translation>Локальный кэш восстановлен</translation>
    </message>
    <message>
        <source>The local cache was damaged and has been rebuilt; your unsynced changes were kept.

%1</source>
        <translation>Локальный кэш был повреждён и восстановлен; ваши несинхронизированные изменения сохранены.

%1</translation>
    </message>
    <message>
        <source>The view could not be saved.</source>
        <translation>Не удалось сохранить представление.</translation>
    </message>
    <message>
        <source>Saved “%1” under Views</source>
        <translation>«%1» сохранено в представлениях</translation>
    </message>
    <message>
        <source>Not signed in: working on the local cache.</source>
        <translation>Вход не выполнен: работа с локальным кэшем.</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>Выход из учётной записи</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) have not reached the server yet. They stay on this computer and are sent after you sign in again. Sign out anyway?</source>
        <translation>
            <numerusform>%n изменение ещё не отправлено на сервер. Оно останется на этом компьютере и уйдёт после следующего входа. Всё равно выйти?</numerusform>
            <numerusform>%n изменения ещё не отправлены на сервер. Они останутся на этом компьютере и уйдут после следующего входа. Всё равно выйти?</numerusform>
            <numerusform>%n изменений ещё не отправлено на сервер. Они останутся на этом компьютере и уйдут после следующего входа. Всё равно выйти?</numerusform>
        </translation>
    </message>
    <message>
        <source>Signed out. The cache and any unsynced changes are kept.</source>
        <translation>Вы вышли. Кэш и несинхронизированные изменения сохранены.</translation>
    </message>
    <message>
        <source>S&amp;ync now</source>
        <translation>&amp;Синхронизировать сейчас</translation>
    </message>
    <message>
        <source>&amp;Conflicts…</source>
        <translation>&amp;Конфликты…</translation>
    </message>
    <message>
        <source>Sign &amp;out…</source>
        <translation>В&amp;ыйти из учётной записи…</translation>
    </message>
    <message>
        <source>&amp;Reports…</source>
        <translation>&amp;Отчёты…</translation>
    </message>
    <message>
        <source>The server did not accept the change to “%1”: %2</source>
        <translation>Сервер не принял изменение представления «%1»: %2</translation>
    </message>
    <message>
        <source>&amp;Edit view…</source>
        <translation>&amp;Изменить представление…</translation>
    </message>
    <message>
        <source>You cannot change this view.</source>
        <translation>Это представление изменить нельзя.</translation>
    </message>
    <message>
        <source>“%1” is shared with the team</source>
        <translation>«%1» теперь видит вся команда</translation>
    </message>
    <message>
        <source>Saved “%1”</source>
        <translation>«%1» сохранено</translation>
    </message>
    <message>
        <source>Select a view of yours in the sidebar to edit it.</source>
        <translation>Выберите своё представление на боковой панели, чтобы изменить его.</translation>
    </message>
    <message>
        <source>Edit view</source>
        <translation>Изменить представление</translation>
    </message>
    <message>
        <source>View name</source>
        <translation>Название представления</translation>
    </message>
    <message>
        <source>Use the &amp;current filter and search text</source>
        <translation>Взять &amp;текущий фильтр и текст поиска</translation>
    </message>
    <message>
        <source>&amp;Shared with the team</source>
        <translation>&amp;Общее для команды</translation>
    </message>
    <message>
        <source>Everyone sees shared views in their sidebar</source>
        <translation>Общие представления видны всем на боковой панели</translation>
    </message>
    <message>
        <source>Only leads and administrators share views</source>
        <translation>Делиться представлениями могут только руководители и администраторы</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>&amp;Название</translation>
    </message>
    <message>
        <source>This account (a viewer) can read every ticket of its groups but change none: the server refuses its edits, so the console offers none</source>
        <translation>Эта учётная запись (наблюдатель) видит все заявки своих групп, но не может их менять: сервер отклоняет её изменения, поэтому консоль их не предлагает</translation>
    </message>
    <message>
        <source>Read-only account: tickets cannot be created from it.</source>
        <translation>Учётная запись только для чтения: создавать заявки нельзя.</translation>
    </message>
    <message>
        <source>Read-only account</source>
        <translation>Только чтение</translation>
    </message>
    <message>
        <source>&amp;Columns</source>
        <translation>&amp;Столбцы</translation>
    </message>
    <message>
        <source>The file “%1” could not be uploaded (%2); the message was sent without it. See Sync conflicts.</source>
        <translation>Файл «%1» не удалось отправить (%2); сообщение ушло без него. Подробности — в конфликтах синхронизации.</translation>
    </message>
</context>
<context>
    <name>triage::NavigationModel</name>
    <message>
        <source>Views</source>
        <translation>Представления</translation>
    </message>
    <message>
        <source>Boards</source>
        <translation>Доски</translation>
    </message>
    <message numerus="yes">
        <source>%1, %n ticket(s)</source>
        <translation>
            <numerusform>%1, %n заявка</numerusform>
            <numerusform>%1, %n заявки</numerusform>
            <numerusform>%1, %n заявок</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Shared view: %n ticket(s)</source>
        <translation>
            <numerusform>Общее представление: %n заявка</numerusform>
            <numerusform>Общее представление: %n заявки</numerusform>
            <numerusform>Общее представление: %n заявок</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Personal view: %n ticket(s)</source>
        <translation>
            <numerusform>Личное представление: %n заявка</numerusform>
            <numerusform>Личное представление: %n заявки</numerusform>
            <numerusform>Личное представление: %n заявок</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Board: %n open ticket(s)</source>
        <translation>
            <numerusform>Доска: %n открытая заявка</numerusform>
            <numerusform>Доска: %n открытые заявки</numerusform>
            <numerusform>Доска: %n открытых заявок</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>triage::NewTicketDialog</name>
    <message>
        <source>New ticket</source>
        <translation>Новая заявка</translation>
    </message>
    <message>
        <source>Requester</source>
        <translation>Заявитель</translation>
    </message>
    <message>
        <source>Who is calling? Type a name</source>
        <translation>Кто звонит? Начните вводить имя</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Тема</translation>
    </message>
    <message>
        <source>One line: what is wrong</source>
        <translation>Одной строкой: что случилось</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Описание</translation>
    </message>
    <message>
        <source>What the caller says, what they tried, how it affects them</source>
        <translation>Что говорит заявитель, что уже пробовал, как это мешает работе</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Тип</translation>
    </message>
    <message>
        <source>Impact</source>
        <translation>Влияние</translation>
    </message>
    <message>
        <source>Urgency</source>
        <translation>Срочность</translation>
    </message>
    <message>
        <source>How many people or how much of the business is affected</source>
        <translation>Сколько людей или какая часть работы затронута</translation>
    </message>
    <message>
        <source>How soon it hurts if nothing is done</source>
        <translation>Как скоро станет плохо, если ничего не делать</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Группа</translation>
    </message>
    <message>
        <source>No group</source>
        <translation>Без группы</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Приоритет</translation>
    </message>
    <message>
        <source>&amp;Requester</source>
        <translation>&amp;Заявитель</translation>
    </message>
    <message>
        <source>&amp;Title</source>
        <translation>&amp;Тема</translation>
    </message>
    <message>
        <source>&amp;Description</source>
        <translation>&amp;Описание</translation>
    </message>
    <message>
        <source>T&amp;ype</source>
        <translation>Т&amp;ип</translation>
    </message>
    <message>
        <source>&amp;Impact</source>
        <translation>&amp;Влияние</translation>
    </message>
    <message>
        <source>&amp;Urgency</source>
        <translation>&amp;Срочность</translation>
    </message>
    <message>
        <source>&amp;Group</source>
        <translation>&amp;Группа</translation>
    </message>
    <message>
        <source>&amp;Priority</source>
        <translation>&amp;Приоритет</translation>
    </message>
    <message>
        <source>Create ticket</source>
        <translation>Создать заявку</translation>
    </message>
    <message>
        <source>A title is needed.</source>
        <translation>Нужна тема.</translation>
    </message>
</context>
<context>
    <name>triage::NotificationCenter</name>
    <message>
        <source>Triage</source>
        <translation>Triage</translation>
    </message>
    <message>
        <source>Assigned to you: %1</source>
        <translation>Назначена на вас: %1</translation>
    </message>
    <message>
        <source>Requester replied on %1</source>
        <translation>Заявитель ответил в %1</translation>
    </message>
    <message>
        <source>You were mentioned on %1</source>
        <translation>Вас упомянули в %1</translation>
    </message>
    <message>
        <source>SLA breached: %1</source>
        <translation>SLA нарушен: %1</translation>
    </message>
    <message>
        <source>SLA warning: %1 due in %2</source>
        <translation>Предупреждение SLA: %1, осталось %2</translation>
    </message>
    <message numerus="yes">
        <source>Triage — %n alert(s) not acknowledged</source>
        <translation>
            <numerusform>Triage — %n непросмотренное оповещение</numerusform>
            <numerusform>Triage — %n непросмотренных оповещения</numerusform>
            <numerusform>Triage — %n непросмотренных оповещений</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>triage::NotificationsPage</name>
    <message>
        <source>&amp;Link Telegram…</source>
        <translation>&amp;Привязать Telegram…</translation>
    </message>
    <message>
        <source>&amp;Copy command</source>
        <translation>&amp;Скопировать команду</translation>
    </message>
    <message>
        <source>&amp;Unlink</source>
        <translation>&amp;Отвязать</translation>
    </message>
    <message>
        <source>Tickets &amp;assigned to me</source>
        <translation>&amp;Назначенные мне заявки</translation>
    </message>
    <message>
        <source>&amp;Critical tickets in my groups</source>
        <translation>&amp;Критические заявки моих групп</translation>
    </message>
    <message>
        <source>&amp;SLA warnings and breaches of my tickets</source>
        <translation>&amp;Предупреждения и нарушения SLA по моим заявкам</translation>
    </message>
    <message>
        <source>&amp;Escalations to me as a group lead</source>
        <translation>&amp;Эскалации мне как руководителю группы</translation>
    </message>
    <message>
        <source>Telegram</source>
        <translation>Telegram</translation>
    </message>
    <message>
        <source>Send me in Telegram</source>
        <translation>Присылать мне в Telegram</translation>
    </message>
    <message>
        <source>Alerts come with buttons: Take assigns the ticket to you, Open shows it in the chat. Desktop notifications for SLA deadlines stay on in the console.</source>
        <translation>У уведомлений есть кнопки: «Взять» назначает заявку вам, «Открыть» показывает её в чате. Уведомления о сроках SLA на рабочем столе консоль показывает как прежде.</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Загрузка…</translation>
    </message>
    <message>
        <source>your Telegram account</source>
        <translation>вашему аккаунту Telegram</translation>
    </message>
    <message>
        <source>Linked to %1 since %2.</source>
        <translation>Привязан к %1 с %2.</translation>
    </message>
    <message>
        <source>Not linked. Link your Telegram account to get alerts away from the desk.</source>
        <translation>Не привязан. Привяжите Telegram, чтобы получать уведомления вдали от рабочего места.</translation>
    </message>
    <message>
        <source>No Telegram bot is connected to the server yet: ask an administrator.</source>
        <translation>К серверу ещё не подключён бот Telegram: обратитесь к администратору.</translation>
    </message>
    <message>
        <source>Open &lt;a href=&quot;%1&quot;&gt;%2&lt;/a&gt; and press Start, or send &lt;b&gt;%3&lt;/b&gt; to %4. The code works once, until %5.</source>
        <translation>Откройте &lt;a href=&quot;%1&quot;&gt;%2&lt;/a&gt; и нажмите «Start» или отправьте &lt;b&gt;%3&lt;/b&gt; боту %4. Код действует один раз, до %5.</translation>
    </message>
    <message>
        <source>Send &lt;b&gt;%1&lt;/b&gt; to the support bot in Telegram. The code works once, until %2.</source>
        <translation>Отправьте &lt;b&gt;%1&lt;/b&gt; боту поддержки в Telegram. Код действует один раз, до %2.</translation>
    </message>
    <message>
        <source>Waiting for the bot to receive the code…</source>
        <translation>Ждём, когда бот получит код…</translation>
    </message>
    <message>
        <source>The code has expired. Link again to get a new one.</source>
        <translation>Срок кода истёк. Нажмите «Привязать» ещё раз, чтобы получить новый.</translation>
    </message>
    <message>
        <source>Connect to the server to see and change notifications.</source>
        <translation>Подключитесь к серверу, чтобы увидеть и изменить уведомления.</translation>
    </message>
    <message>
        <source>The server cannot be reached (%1): notification settings are kept there.</source>
        <translation>Сервер недоступен (%1): настройки уведомлений хранятся на нём.</translation>
    </message>
</context>
<context>
    <name>triage::QueueColumns</name>
    <message>
        <source>Hidden for now: the table is too narrow</source>
        <translation>Пока скрыт: таблица слишком узкая</translation>
    </message>
</context>
<context>
    <name>triage::QueueController</name>
    <message>
        <source>This is a read-only account: tickets cannot be changed from it.</source>
        <translation>Это учётная запись только для чтения: менять заявки нельзя.</translation>
    </message>
</context>
<context>
    <name>triage::QueueModel</name>
    <message>
        <source>pending</source>
        <translation>ожидает</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>Unassigned</source>
        <translation>Не назначена</translation>
    </message>
    <message>
        <source>Ticket %1, %2, priority %3, status %4, SLA %5 %6</source>
        <translation>Заявка %1, %2, приоритет %3, статус %4, SLA %5 %6</translation>
    </message>
    <message>
        <source>changes not synced yet</source>
        <translation>изменения ещё не синхронизированы</translation>
    </message>
    <message>
        <source>Created offline: the server assigns the number when it syncs</source>
        <translation>Создана без сети: номер присвоит сервер при синхронизации</translation>
    </message>
    <message>
        <source>Changes not synced yet</source>
        <translation>Изменения ещё не синхронизированы</translation>
    </message>
    <message numerus="yes">
        <source>New for more than %n minute(s)</source>
        <translation>
            <numerusform>Новая дольше %n минуты</numerusform>
            <numerusform>Новая дольше %n минут</numerusform>
            <numerusform>Новая дольше %n минут</numerusform>
        </translation>
    </message>
    <message>
        <source>SLA %1 %2</source>
        <translation>SLA %1 %2</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Номер</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Тема</translation>
    </message>
    <message>
        <source>Requester</source>
        <translation>Заявитель</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Приоритет</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <source>Assignee</source>
        <translation>Исполнитель</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Группа</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>Обновлена</translation>
    </message>
    <message>
        <source>SLA</source>
        <translation>SLA</translation>
    </message>
    <message>
        <source>No longer in this view; it leaves when you move to another ticket</source>
        <translation>Уже не в этом представлении; исчезнет, когда вы перейдёте к другой заявке</translation>
    </message>
    <message>
        <source>no longer in this view</source>
        <translation>уже не в этом представлении</translation>
    </message>
</context>
<context>
    <name>triage::QueuePage</name>
    <message>
        <source>Filter by title or number, search comments too  ( / )</source>
        <translation>Фильтр по теме или номеру, поиск и по комментариям  ( / )</translation>
    </message>
    <message>
        <source>Filter and search</source>
        <translation>Фильтр и поиск</translation>
    </message>
    <message>
        <source>Filters the queue as you type; also searches ticket text and comments in Russian and English</source>
        <translation>Фильтрует очередь по мере ввода; ищет также по тексту заявок и комментариям на русском и английском</translation>
    </message>
    <message>
        <source>Assign to me</source>
        <translation>Взять себе</translation>
    </message>
    <message>
        <source>Assigns the selected tickets to you</source>
        <translation>Назначает выбранные заявки на вас</translation>
    </message>
    <message>
        <source>Assign</source>
        <translation>Назначить</translation>
    </message>
    <message>
        <source>Assigns the selected tickets to an agent</source>
        <translation>Назначает выбранные заявки на сотрудника</translation>
    </message>
    <message>
        <source>Unassigned</source>
        <translation>Не назначена</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <source>Changes the status of the selected tickets</source>
        <translation>Меняет статус выбранных заявок</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Приоритет</translation>
    </message>
    <message>
        <source>Changes the priority of the selected tickets</source>
        <translation>Меняет приоритет выбранных заявок</translation>
    </message>
    <message>
        <source>Ticket queue</source>
        <translation>Очередь заявок</translation>
    </message>
    <message>
        <source>Tickets of the selected view. Enter opens a ticket; J and K move; A assigns to you</source>
        <translation>Заявки выбранного представления. Enter открывает заявку; J и K — перемещение; A — взять себе</translation>
    </message>
    <message numerus="yes">
        <source>%1 — %n ticket(s)</source>
        <translation>
            <numerusform>%1 — %n заявка</numerusform>
            <numerusform>%1 — %n заявки</numerusform>
            <numerusform>%1 — %n заявок</numerusform>
        </translation>
    </message>
    <message>
        <source>No tickets in the local cache yet.
They appear here as soon as the first sync finishes; you can already create tickets (Ctrl+N).</source>
        <translation>В локальном кэше пока нет заявок.
Они появятся после первой синхронизации; создавать заявки можно уже сейчас (Ctrl+N).</translation>
    </message>
    <message>
        <source>Nothing matches “%1” in this view.
Clear the filter (Esc) or look in All tickets.</source>
        <translation>В этом представлении ничего не найдено по «%1».
Очистите фильтр (Esc) или поищите во всех заявках.</translation>
    </message>
    <message>
        <source>Nothing here. This view is empty — well done.</source>
        <translation>Здесь пусто. Всё разобрано — отличная работа.</translation>
    </message>
    <message numerus="yes">
        <source>%n selected:</source>
        <translation>
            <numerusform>Выбрана %n:</numerusform>
            <numerusform>Выбрано %n:</numerusform>
            <numerusform>Выбрано %n:</numerusform>
        </translation>
    </message>
    <message>
        <source>Selected:</source>
        <translation>Выбрано:</translation>
    </message>
    <message numerus="yes">
        <source>%n ticket(s) changed</source>
        <translation>
            <numerusform>Изменена %n заявка</numerusform>
            <numerusform>Изменены %n заявки</numerusform>
            <numerusform>Изменено %n заявок</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n ticket(s) changed; %1 refused: %2</source>
        <translation>
            <numerusform>Изменена %n заявка; отклонено %1: %2</numerusform>
            <numerusform>Изменены %n заявки; отклонено %1: %2</numerusform>
            <numerusform>Изменено %n заявок; отклонено %1: %2</numerusform>
        </translation>
    </message>
    <message>
        <source>Save as view…</source>
        <translation>Сохранить как представление…</translation>
    </message>
    <message>
        <source>Saves the current view and filter as a personal view in the sidebar</source>
        <translation>Сохраняет текущее представление с фильтром как личное представление на боковой панели</translation>
    </message>
    <message>
        <source>Read-only account: tickets cannot be changed from it</source>
        <translation>Учётная запись только для чтения: менять заявки нельзя</translation>
    </message>
    <message>
        <source>Read-only account: views cannot be saved from it</source>
        <translation>Учётная запись только для чтения: сохранять представления нельзя</translation>
    </message>
</context>
<context>
    <name>triage::ReportsController</name>
    <message>
        <source>Reports come from the server; sign in to a server to see them.</source>
        <translation>Отчёты строит сервер; войдите на сервер, чтобы их увидеть.</translation>
    </message>
    <message>
        <source>No group</source>
        <translation>Без группы</translation>
    </message>
    <message>
        <source>Unassigned</source>
        <translation>Не назначена</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Pick a recurring issue first.</source>
        <translation>Сначала выберите повторяющуюся проблему.</translation>
    </message>
    <message>
        <source>There is no local cache to create the ticket in.</source>
        <translation>Нет локального кэша, в котором можно создать заявку.</translation>
    </message>
    <message>
        <source>Recurring issue: %1</source>
        <translation>Повторяющаяся проблема: %1</translation>
    </message>
    <message>
        <source>Recurring issue in %1: %2</source>
        <translation>Повторяющаяся проблема в %1: %2</translation>
    </message>
    <message numerus="yes">
        <source>%n tickets with the same subject were created between %1 and %2 (found by the reports view, recurring issues).</source>
        <translation>
            <numerusform>%n заявка с той же темой создана с %1 по %2 (найдено в отчётах, повторяющиеся обращения).</numerusform>
            <numerusform>%n заявки с той же темой созданы с %1 по %2 (найдено в отчётах, повторяющиеся обращения).</numerusform>
            <numerusform>%n заявок с той же темой создано с %1 по %2 (найдено в отчётах, повторяющиеся обращения).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The first %n are linked.</source>
        <translation>
            <numerusform>Связана первая %n.</numerusform>
            <numerusform>Связаны первые %n.</numerusform>
            <numerusform>Связаны первые %n.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>triage::ReportsPage</name>
    <message>
        <source>Any</source>
        <translation>Любой</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>Отчёты</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>Последние 7 дней</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>Последние 30 дней</translation>
    </message>
    <message>
        <source>Last 90 days</source>
        <translation>Последние 90 дней</translation>
    </message>
    <message>
        <source>This month</source>
        <translation>Этот месяц</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>Свой период</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Период</translation>
    </message>
    <message>
        <source>From date</source>
        <translation>С даты</translation>
    </message>
    <message>
        <source>To date (inclusive)</source>
        <translation>По дату (включительно)</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Группа</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>Исполнитель</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Канал</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Тип</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Приоритет</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Обновить</translation>
    </message>
    <message>
        <source>Export &amp;CSV…</source>
        <translation>Экспорт в &amp;CSV…</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Создано</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>Решено</translation>
    </message>
    <message>
        <source>Backlog at end</source>
        <translation>Открыто на конец</translation>
    </message>
    <message>
        <source>Reopened</source>
        <translation>Переоткрыто</translation>
    </message>
    <message>
        <source>First contact resolution</source>
        <translation>Решено с первого обращения</translation>
    </message>
    <message>
        <source>SLA breaches</source>
        <translation>Нарушения SLA</translation>
    </message>
    <message>
        <source>CSAT</source>
        <translation>CSAT</translation>
    </message>
    <message>
        <source>Show the tickets behind this number</source>
        <translation>Показать заявки за этим числом</translation>
    </message>
    <message>
        <source>Created and resolved per day, with the backlog</source>
        <translation>Создано и решено по дням, с открытыми</translation>
    </message>
    <message>
        <source>Click a day to list the tickets created that day</source>
        <translation>Щёлкните день, чтобы увидеть заявки, созданные в этот день</translation>
    </message>
    <message>
        <source>Created and resolved by hour of day</source>
        <translation>Создано и решено по часам суток</translation>
    </message>
    <message>
        <source>Open now</source>
        <translation>Открыто сейчас</translation>
    </message>
    <message>
        <source>Per day</source>
        <translation>В день</translation>
    </message>
    <message>
        <source>Agent load</source>
        <translation>Нагрузка исполнителей</translation>
    </message>
    <message>
        <source>Click a number or a day to list its tickets.</source>
        <translation>Щёлкните число или день, чтобы увидеть его заявки.</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Номер</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Тема</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Когда</translation>
    </message>
    <message>
        <source>Tickets behind the number</source>
        <translation>Заявки за числом</translation>
    </message>
    <message>
        <source>⚠ %1</source>
        <translation>⚠ %1</translation>
    </message>
    <message>
        <source>⚠ The start date is after the end date.</source>
        <translation>⚠ Начальная дата позже конечной.</translation>
    </message>
    <message>
        <source>Loading from the server %1…</source>
        <translation>Загрузка с сервера %1…</translation>
    </message>
    <message>
        <source>⚠ Reports come from the server; sign in to a server to see them.</source>
        <translation>⚠ Отчёты строит сервер; войдите на сервер, чтобы их увидеть.</translation>
    </message>
    <message>
        <source>From the server %1 — computed there from the event history, as of %2 (%3).</source>
        <translation>С сервера %1 — рассчитано там по истории событий, на %2 (%3).</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>%1 (avg %2)</source>
        <translation>%1 (в среднем %2)</translation>
    </message>
    <message>
        <source>First response (business time): median %1, p90 %2 · Resolution: median %3, p90 %4 · SLA compliance: first response %5, resolution %6</source>
        <translation>Первый ответ (рабочее время): медиана %1, p90 %2 · Решение: медиана %3, p90 %4 · Соблюдение SLA: первый ответ %5, решение %6</translation>
    </message>
    <message>
        <source>Backlog</source>
        <translation>Открытые</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Загрузка…</translation>
    </message>
    <message>
        <source>%1: %2 tickets (first %3 listed) — Enter opens one</source>
        <translation>%1: заявок %2 (показаны первые %3) — Enter открывает</translation>
    </message>
    <message>
        <source>%1: %2 tickets — Enter opens one</source>
        <translation>%1: заявок %2 — Enter открывает</translation>
    </message>
    <message>
        <source>Nothing to export yet: load a report first.</source>
        <translation>Экспортировать нечего: сначала загрузите отчёт.</translation>
    </message>
    <message>
        <source>Export report as CSV</source>
        <translation>Экспорт отчёта в CSV</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Файлы CSV (*.csv)</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>Экспорт не удался</translation>
    </message>
    <message>
        <source>Group: pick one or type to search</source>
        <translation>Группа: выберите или начните вводить для поиска</translation>
    </message>
    <message>
        <source>Agent: pick one or type to search</source>
        <translation>Исполнитель: выберите или начните вводить для поиска</translation>
    </message>
    <message>
        <source>Recurring issues (problem candidates)</source>
        <translation>Повторяющиеся обращения (кандидаты в проблемы)</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Категория</translation>
    </message>
    <message>
        <source>Subject words</source>
        <translation>Слова темы</translation>
    </message>
    <message>
        <source>Tickets</source>
        <translation>Заявки</translation>
    </message>
    <message>
        <source>Last</source>
        <translation>Последняя</translation>
    </message>
    <message>
        <source>Recurring issues</source>
        <translation>Повторяющиеся обращения</translation>
    </message>
    <message>
        <source>Create &amp;problem ticket linking these</source>
        <translation>Создать &amp;проблему, связанную с ними</translation>
    </message>
    <message>
        <source>Creates a ticket of type problem linked to every ticket of the selected issue (works offline)</source>
        <translation>Создаёт заявку типа «проблема», связанную со всеми заявками выбранной группы (работает и офлайн)</translation>
    </message>
    <message>
        <source>Any group</source>
        <translation>Любая группа</translation>
    </message>
    <message>
        <source>Any agent</source>
        <translation>Любой исполнитель</translation>
    </message>
    <message>
        <source>⚠ The problem ticket was not created: %1</source>
        <translation>⚠ Проблема не создана: %1</translation>
    </message>
    <message numerus="yes">
        <source>Problem ticket &quot;%1&quot; created, linked to %n tickets; it is sent to the server with your other changes.</source>
        <translation>
            <numerusform>Проблема «%1» создана и связана с %n заявкой; она будет отправлена на сервер вместе с другими изменениями.</numerusform>
            <numerusform>Проблема «%1» создана и связана с %n заявками; она будет отправлена на сервер вместе с другими изменениями.</numerusform>
            <numerusform>Проблема «%1» создана и связана с %n заявками; она будет отправлена на сервер вместе с другими изменениями.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>triage::Session</name>
    <message>
        <source>Cannot create the profile folder %1.</source>
        <translation>Не удаётся создать папку профиля %1.</translation>
    </message>
    <message>
        <source>Cannot open the local cache %1: %2</source>
        <translation>Не удаётся открыть локальный кэш %1: %2</translation>
    </message>
    <message>
        <source>All tickets</source>
        <translation>Все заявки</translation>
    </message>
    <message>
        <source>Support</source>
        <translation>Поддержка</translation>
    </message>
    <message>
        <source>The disk is full, so the local cache %1 cannot be opened. Free some space on this computer and try again; nothing was changed.</source>
        <translation>Диск заполнен, поэтому локальный кэш %1 не открыть. Освободите место на этом компьютере и повторите попытку; ничего не изменено.</translation>
    </message>
    <message>
        <source>too large for the server</source>
        <translation>слишком большой для сервера</translation>
    </message>
    <message>
        <source>the ticket is no longer there</source>
        <translation>заявки больше нет</translation>
    </message>
    <message>
        <source>its copy in the profile is gone</source>
        <translation>его копия в профиле пропала</translation>
    </message>
</context>
<context>
    <name>triage::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Настройки</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Язык</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>Как в системе</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>Тема оформления</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Светлая</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Тёмная</translation>
    </message>
    <message>
        <source>Highlight new tickets after</source>
        <translation>Подсвечивать новые заявки через</translation>
    </message>
    <message>
        <source> min</source>
        <translation> мин</translation>
    </message>
    <message>
        <source>never</source>
        <translation>никогда</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Язык</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>&amp;Тема оформления</translation>
    </message>
    <message>
        <source>&amp;Highlight tickets in New after</source>
        <translation>&amp;Подсвечивать заявки в статусе «Новая» через</translation>
    </message>
    <message>
        <source>Language and theme apply at once.</source>
        <translation>Язык и тема оформления меняются сразу.</translation>
    </message>
    <message>
        <source>Settings sections</source>
        <translation>Разделы настроек</translation>
    </message>
    <message>
        <source>&amp;General</source>
        <translation>&amp;Общие</translation>
    </message>
    <message>
        <source>&amp;Notifications</source>
        <translation>&amp;Уведомления</translation>
    </message>
</context>
<context>
    <name>triage::SignInDialog</name>
    <message>
        <source>Sign in to Triage</source>
        <translation>Вход в Triage</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>Адрес сервера</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Имя пользователя</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Пароль</translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation>&amp;Сервер:</translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation>&amp;Пользователь:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>П&amp;ароль:</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Войти</translation>
    </message>
    <message>
        <source>Work offline</source>
        <translation>Работать офлайн</translation>
    </message>
    <message>
        <source>Open the tickets already on this computer; changes sync after you sign in</source>
        <translation>Открыть заявки, уже сохранённые на этом компьютере; изменения синхронизируются после входа</translation>
    </message>
    <message>
        <source>Your session has expired. Sign in again; your changes are kept.</source>
        <translation>Сеанс истёк. Войдите снова; ваши изменения сохранены.</translation>
    </message>
</context>
<context>
    <name>triage::SlaStyle</name>
    <message>
        <source>paused</source>
        <translation>на паузе</translation>
    </message>
    <message>
        <source>no SLA</source>
        <translation>без SLA</translation>
    </message>
    <message>
        <source>SLA paused</source>
        <translation>SLA на паузе</translation>
    </message>
    <message>
        <source>on track</source>
        <translation>в срок</translation>
    </message>
    <message>
        <source>at risk</source>
        <translation>под угрозой</translation>
    </message>
    <message>
        <source>breached</source>
        <translation>нарушен</translation>
    </message>
</context>
<context>
    <name>triage::SlaTimelineModel</name>
    <message>
        <source>First response</source>
        <translation>Первый ответ</translation>
    </message>
    <message>
        <source>Next response</source>
        <translation>Следующий ответ</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>Решение</translation>
    </message>
    <message>
        <source>target %1 of business hours (%2)</source>
        <translation>цель %1 рабочего времени (%2)</translation>
    </message>
    <message>
        <source>target %1, round the clock</source>
        <translation>цель %1, круглосуточно</translation>
    </message>
    <message>
        <source>breached %1 ago, still open</source>
        <translation>нарушен %1 назад, ещё открыт</translation>
    </message>
    <message>
        <source>running, %1 left, due %2</source>
        <translation>идёт, осталось %1, срок %2</translation>
    </message>
    <message>
        <source>running, %1 left</source>
        <translation>идёт, осталось %1</translation>
    </message>
    <message>
        <source>paused, breached %1 ago</source>
        <translation>на паузе, нарушен %1 назад</translation>
    </message>
    <message>
        <source>paused, %1 left</source>
        <translation>на паузе, осталось %1</translation>
    </message>
    <message>
        <source>missed by %1</source>
        <translation>просрочен на %1</translation>
    </message>
    <message>
        <source>met with %1 to spare</source>
        <translation>выполнен, запас %1</translation>
    </message>
    <message>
        <source>cancelled by a priority change</source>
        <translation>отменён сменой приоритета</translation>
    </message>
    <message>
        <source>%1 · %2 · %3 used</source>
        <translation>%1 · %2 · израсходовано %3</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Запущен</translation>
    </message>
    <message>
        <source>Started (status %1)</source>
        <translation>Запущен (статус «%1»)</translation>
    </message>
    <message>
        <source>Paused: status %1</source>
        <translation>Пауза: статус «%1»</translation>
    </message>
    <message>
        <source>Resumed: status %1</source>
        <translation>Возобновлён: статус «%1»</translation>
    </message>
    <message>
        <source>Resumed: reopened as %1</source>
        <translation>Возобновлён: заявка переоткрыта («%1»)</translation>
    </message>
    <message>
        <source>Stopped: %1</source>
        <translation>Остановлен: %1</translation>
    </message>
    <message>
        <source>Warning: %1% of the target used</source>
        <translation>Предупреждение: израсходовано %1% цели</translation>
    </message>
    <message>
        <source>Warning: %1 before due</source>
        <translation>Предупреждение: %1 до срока</translation>
    </message>
    <message>
        <source>notify the lead</source>
        <translation>уведомить руководителя</translation>
    </message>
    <message>
        <source>reassign</source>
        <translation>переназначить</translation>
    </message>
    <message>
        <source>raise the priority</source>
        <translation>повысить приоритет</translation>
    </message>
    <message>
        <source>Escalation at %1%: %2</source>
        <translation>Эскалация при %1%: %2</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Срок</translation>
    </message>
    <message>
        <source>Breached: the target passed</source>
        <translation>Нарушен: срок прошёл</translation>
    </message>
    <message>
        <source>Met: an agent replied</source>
        <translation>Выполнен: агент ответил</translation>
    </message>
    <message>
        <source>Met: %1</source>
        <translation>Выполнен: %1</translation>
    </message>
    <message>
        <source>Missed: an agent replied after the due time</source>
        <translation>Просрочен: агент ответил после срока</translation>
    </message>
    <message>
        <source>Missed: %1 after the due time</source>
        <translation>Просрочен: «%1» после срока</translation>
    </message>
    <message>
        <source>Cancelled: the priority changed, a new cycle started</source>
        <translation>Отменён: приоритет изменён, начат новый цикл</translation>
    </message>
    <message>
        <source>%1 (expected, if the clock keeps running)</source>
        <translation>%1 (ожидается, если таймер не остановится)</translation>
    </message>
    <message>
        <source>%1 — not synced yet</source>
        <translation>%1 — ещё не синхронизировано</translation>
    </message>
    <message>
        <source>%1 (cycle %2)</source>
        <translation>%1 (цикл %2)</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1, %2: %3</source>
        <translation>%1, %2: %3</translation>
    </message>
    <message>
        <source>Business time counts only inside the calendar&apos;s hours and outside pauses</source>
        <translation>Рабочее время считается только в часы календаря и вне пауз</translation>
    </message>
    <message>
        <source>Computed from now on the business calendar; moves if the ticket pauses</source>
        <translation>Рассчитано от текущего момента по рабочему календарю; сдвинется, если заявка встанет на паузу</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Когда</translation>
    </message>
    <message>
        <source>SLA event</source>
        <translation>Событие SLA</translation>
    </message>
</context>
<context>
    <name>triage::SyncIndicator</name>
    <message>
        <source>Opens the list of changes the server could not apply</source>
        <translation>Открывает список изменений, которые сервер не смог применить</translation>
    </message>
    <message>
        <source>● Online</source>
        <translation>● В сети</translation>
    </message>
    <message>
        <source>⟳ Syncing…</source>
        <translation>⟳ Синхронизация…</translation>
    </message>
    <message>
        <source>○ Offline</source>
        <translation>○ Не в сети</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) waiting to sync</source>
        <translation>
            <numerusform>%n изменение ждёт синхронизации</numerusform>
            <numerusform>%n изменения ждут синхронизации</numerusform>
            <numerusform>%n изменений ждут синхронизации</numerusform>
        </translation>
    </message>
    <message>
        <source>All changes synced</source>
        <translation>Все изменения синхронизированы</translation>
    </message>
    <message numerus="yes">
        <source>%n conflict(s)</source>
        <translation>
            <numerusform>%n конфликт</numerusform>
            <numerusform>%n конфликта</numerusform>
            <numerusform>%n конфликтов</numerusform>
        </translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>Соединение</translation>
    </message>
</context>
<context>
    <name>triage::TicketController</name>
    <message>
        <source>waiting to sync</source>
        <translation>ждёт синхронизации</translation>
    </message>
    <message>
        <source>held: the server asks you to confirm it</source>
        <translation>задержано: сервер просит подтверждения</translation>
    </message>
    <message>
        <source>refused by the server</source>
        <translation>отклонено сервером</translation>
    </message>
    <message>
        <source>differs from the server&apos;s copy</source>
        <translation>расходится с копией на сервере</translation>
    </message>
    <message>
        <source>conflict: someone changed the same field first</source>
        <translation>конфликт: кто-то раньше изменил то же поле</translation>
    </message>
    <message>
        <source>none</source>
        <translation>нет</translation>
    </message>
    <message>
        <source>Created on this computer</source>
        <translation>Создана на этом компьютере</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>Удалена</translation>
    </message>
    <message>
        <source>Moved on the board to %1</source>
        <translation>Перемещена на доске в «%1»</translation>
    </message>
    <message>
        <source>another column</source>
        <translation>другую колонку</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>Ответ</translation>
    </message>
    <message>
        <source>Internal note</source>
        <translation>Внутренняя заметка</translation>
    </message>
    <message>
        <source>%1: %2 → %3</source>
        <translation>%1: %2 → %3</translation>
    </message>
    <message>
        <source>Tags %1</source>
        <translation>Метки %1</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Изменение</translation>
    </message>
    <message>
        <source>This is a read-only account: tickets cannot be changed from it.</source>
        <translation>Это учётная запись только для чтения: менять заявки нельзя.</translation>
    </message>
    <message>
        <source>This is a read-only account: it cannot reply or add notes.</source>
        <translation>Это учётная запись только для чтения: отвечать и добавлять заметки нельзя.</translation>
    </message>
    <message>
        <source>Type the number of the ticket to link, e.g. #1042.</source>
        <translation>Введите номер заявки для связи, например #1042.</translation>
    </message>
    <message>
        <source>There is no ticket %1 on this computer.</source>
        <translation>Заявки %1 нет на этом компьютере.</translation>
    </message>
    <message>
        <source>File to upload: %1 (%2)</source>
        <translation>Файл к отправке: %1 (%2)</translation>
    </message>
</context>
<context>
    <name>triage::TicketHistoryModel</name>
    <message>
        <source>System</source>
        <translation>Система</translation>
    </message>
    <message>
        <source>Unknown user</source>
        <translation>Неизвестный пользователь</translation>
    </message>
    <message>
        <source>nobody</source>
        <translation>никто</translation>
    </message>
    <message>
        <source>none</source>
        <translation>нет</translation>
    </message>
    <message>
        <source>Unknown group</source>
        <translation>Неизвестная группа</translation>
    </message>
    <message>
        <source>priority %1</source>
        <translation>приоритет «%1»</translation>
    </message>
    <message>
        <source>group %1</source>
        <translation>группа %1</translation>
    </message>
    <message>
        <source>assigned to %1</source>
        <translation>исполнитель %1</translation>
    </message>
    <message>
        <source>Ticket created</source>
        <translation>Заявка создана</translation>
    </message>
    <message>
        <source>Ticket created: %1</source>
        <translation>Заявка создана: %1</translation>
    </message>
    <message>
        <source>Status: %1 → %2</source>
        <translation>Статус: %1 → %2</translation>
    </message>
    <message>
        <source>%1 · SLA paused</source>
        <translation>%1 · SLA на паузе</translation>
    </message>
    <message>
        <source>%1 · SLA resumed</source>
        <translation>%1 · SLA возобновлён</translation>
    </message>
    <message>
        <source>%1 · SLA timers stop</source>
        <translation>%1 · таймеры SLA остановлены</translation>
    </message>
    <message>
        <source>Assigned to %1</source>
        <translation>Назначена: %1</translation>
    </message>
    <message>
        <source>Unassigned (was %1)</source>
        <translation>Снято назначение (было: %1)</translation>
    </message>
    <message>
        <source>Reassigned: %1 → %2</source>
        <translation>Переназначена: %1 → %2</translation>
    </message>
    <message>
        <source>Priority: %1 → %2</source>
        <translation>Приоритет: %1 → %2</translation>
    </message>
    <message>
        <source>Group: %1 → %2</source>
        <translation>Группа: %1 → %2</translation>
    </message>
    <message>
        <source>Requester replied</source>
        <translation>Ответ заявителя</translation>
    </message>
    <message>
        <source>Public reply to the requester</source>
        <translation>Публичный ответ заявителю</translation>
    </message>
    <message>
        <source>Internal note</source>
        <translation>Внутренняя заметка</translation>
    </message>
    <message>
        <source>Satisfaction rating: %1 of 5</source>
        <translation>Оценка удовлетворённости: %1 из 5</translation>
    </message>
    <message>
        <source>Ticket deleted</source>
        <translation>Заявка удалена</translation>
    </message>
    <message>
        <source>%1: %2 → %3</source>
        <translation>%1: %2 → %3</translation>
    </message>
    <message>
        <source>You</source>
        <translation>Вы</translation>
    </message>
    <message>
        <source>%1 — waiting to sync</source>
        <translation>%1 — ждёт синхронизации</translation>
    </message>
    <message>
        <source>%1, %2: %3</source>
        <translation>%1, %2: %3</translation>
    </message>
    <message>
        <source>Saved on this computer; sent with the next sync</source>
        <translation>Сохранено на этом компьютере; будет отправлено при следующей синхронизации</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Когда</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Кто</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Изменение</translation>
    </message>
</context>
<context>
    <name>triage::TicketView</name>
    <message>
        <source>Title</source>
        <translation>Тема</translation>
    </message>
    <message>
        <source>Edit and press Enter to change the title</source>
        <translation>Измените и нажмите Enter, чтобы сменить тему</translation>
    </message>
    <message>
        <source>Open in new window</source>
        <translation>Открыть в новом окне</translation>
    </message>
    <message>
        <source>Opens this ticket in its own window, e.g. on another monitor</source>
        <translation>Открывает заявку в отдельном окне, например на другом мониторе</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Приоритет</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Тип</translation>
    </message>
    <message>
        <source>Assignee</source>
        <translation>Исполнитель</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Группа</translation>
    </message>
    <message>
        <source>Unassigned</source>
        <translation>Не назначена</translation>
    </message>
    <message>
        <source>No group</source>
        <translation>Без группы</translation>
    </message>
    <message>
        <source>&amp;Status</source>
        <translation>&amp;Статус</translation>
    </message>
    <message>
        <source>&amp;Priority</source>
        <translation>&amp;Приоритет</translation>
    </message>
    <message>
        <source>T&amp;ype</source>
        <translation>Т&amp;ип</translation>
    </message>
    <message>
        <source>Assi&amp;gnee</source>
        <translation>Испол&amp;нитель</translation>
    </message>
    <message>
        <source>Gro&amp;up</source>
        <translation>Гр&amp;уппа</translation>
    </message>
    <message>
        <source>Requester</source>
        <translation>Заявитель</translation>
    </message>
    <message>
        <source>SLA</source>
        <translation>SLA</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Описание</translation>
    </message>
    <message>
        <source>Conversation</source>
        <translation>Переписка</translation>
    </message>
    <message>
        <source>Public replies and internal notes, oldest first</source>
        <translation>Ответы заявителю и внутренние заметки, сначала старые</translation>
    </message>
    <message>
        <source>No replies or notes yet.</source>
        <translation>Ответов и заметок пока нет.</translation>
    </message>
    <message>
        <source>&amp;Reply to requester</source>
        <translation>&amp;Ответ заявителю</translation>
    </message>
    <message>
        <source>The requester sees this message</source>
        <translation>Заявитель увидит это сообщение</translation>
    </message>
    <message>
        <source>Internal &amp;note</source>
        <translation>Внутренняя &amp;заметка</translation>
    </message>
    <message>
        <source>Only agents see this message</source>
        <translation>Это сообщение видят только сотрудники</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Сообщение</translation>
    </message>
    <message>
        <source>Ctrl+Enter sends. Drafts are kept until sent, also across restarts</source>
        <translation>Ctrl+Enter отправляет. Черновики сохраняются до отправки, в том числе после перезапуска</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Отправить</translation>
    </message>
    <message>
        <source>Send (Ctrl+Enter)</source>
        <translation>Отправить (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Sends the message; works offline, it is delivered when the connection is back</source>
        <translation>Отправляет сообщение; работает и без сети — оно уйдёт, когда связь восстановится</translation>
    </message>
    <message>
        <source>New (pending)</source>
        <translation>Новая (ожидает номера)</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>Неизвестно</translation>
    </message>
    <message>
        <source>no SLA running</source>
        <translation>SLA не идёт</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>(no description)</source>
        <translation>(без описания)</translation>
    </message>
    <message>
        <source>⟳ not synced yet</source>
        <translation>⟳ ещё не синхронизирована</translation>
    </message>
    <message>
        <source>✓ synced</source>
        <translation>✓ синхронизирована</translation>
    </message>
    <message>
        <source>Your changes are saved locally and will be sent when the connection is back</source>
        <translation>Ваши изменения сохранены локально и будут отправлены, когда появится связь</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>This ticket was deleted or you lost access to it. Your draft is kept; copy it if you need it.</source>
        <translation>Заявка удалена или у вас больше нет к ней доступа. Черновик сохранён — скопируйте его, если он нужен.</translation>
    </message>
    <message>
        <source>Reply to the requester… (Ctrl+Enter sends)</source>
        <translation>Ответ заявителю… (Ctrl+Enter — отправить)</translation>
    </message>
    <message>
        <source>Internal note for agents only… (Ctrl+Enter saves)</source>
        <translation>Внутренняя заметка только для сотрудников… (Ctrl+Enter — сохранить)</translation>
    </message>
    <message>
        <source>Send reply</source>
        <translation>Отправить ответ</translation>
    </message>
    <message>
        <source>Add note</source>
        <translation>Добавить заметку</translation>
    </message>
    <message>
        <source>Reply saved; it is sent with the next sync</source>
        <translation>Ответ сохранён; он уйдёт при следующей синхронизации</translation>
    </message>
    <message>
        <source>Internal note saved</source>
        <translation>Внутренняя заметка сохранена</translation>
    </message>
    <message>
        <source>Local changes and their sync state</source>
        <translation>Локальные изменения и их синхронизация</translation>
    </message>
    <message>
        <source>Each change made on this computer that the server has not confirmed yet, with its state</source>
        <translation>Каждое изменение, сделанное на этом компьютере и ещё не подтверждённое сервером, с его состоянием</translation>
    </message>
    <message>
        <source>Links (%1)</source>
        <translation>Связи (%1)</translation>
    </message>
    <message>
        <source>Links</source>
        <translation>Связи</translation>
    </message>
    <message>
        <source>Sync (conflicts: %1)</source>
        <translation>Синхронизация (конфликтов: %1)</translation>
    </message>
    <message>
        <source>Sync (pending: %1)</source>
        <translation>Синхронизация (ожидает: %1)</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>Синхронизация</translation>
    </message>
    <message>
        <source>Changes made here that the server has not confirmed yet</source>
        <translation>Изменения, сделанные здесь и ещё не подтверждённые сервером</translation>
    </message>
    <message>
        <source>Everything on this ticket is synced</source>
        <translation>Всё по этой заявке синхронизировано</translation>
    </message>
    <message>
        <source>Ticket details</source>
        <translation>Подробности заявки</translation>
    </message>
    <message>
        <source>History of changes</source>
        <translation>История изменений</translation>
    </message>
    <message>
        <source>Who changed what and when, oldest first; changes not synced yet are marked</source>
        <translation>Кто, что и когда изменил, сначала старые; ещё не синхронизированные изменения отмечены</translation>
    </message>
    <message>
        <source>SLA timeline</source>
        <translation>Хронология SLA</translation>
    </message>
    <message>
        <source>Each SLA timer with its start, pauses, warnings, due instant and whether it was met or breached, in business time</source>
        <translation>Каждый таймер SLA: запуск, паузы, предупреждения, срок и итог — выполнен или нарушен, в рабочем времени</translation>
    </message>
    <message>
        <source>No SLA target applies to this ticket.</source>
        <translation>К этой заявке не применяется ни одна цель SLA.</translation>
    </message>
    <message>
        <source>History</source>
        <translation>История</translation>
    </message>
    <message>
        <source>SLA (breached)</source>
        <translation>SLA (нарушен)</translation>
    </message>
    <message>
        <source>SLA timeline: when each timer started, paused, warned, is due, and whether it was met or breached</source>
        <translation>Хронология SLA: когда каждый таймер запущен, приостановлен, предупредил, когда срок и выполнен ли он</translation>
    </message>
    <message>
        <source>Read-only account: you can read this ticket, its history and its SLA, but not change it.</source>
        <translation>Учётная запись только для чтения: можно читать заявку, её историю и SLA, но не менять.</translation>
    </message>
    <message>
        <source>Attachments (%1)</source>
        <translation>Вложения (%1)</translation>
    </message>
    <message>
        <source>Attachments</source>
        <translation>Вложения</translation>
    </message>
</context>
<context>
    <name>triage::WallController</name>
    <message>
        <source>Not signed in: no stored token for %1 and no password (TRIAGE_PASSWORD).</source>
        <translation>Вход не выполнен: для %1 нет сохранённого токена и не задан пароль (TRIAGE_PASSWORD).</translation>
    </message>
    <message>
        <source>Sign-in failed: %1</source>
        <translation>Вход не удался: %1</translation>
    </message>
    <message>
        <source>The server sent something that is not a wall snapshot.</source>
        <translation>Сервер прислал не снимок для табло.</translation>
    </message>
</context>
<context>
    <name>triage::WallMode</name>
    <message>
        <source>Showing the service desk wall dashboard</source>
        <translation>Показывается табло службы поддержки</translation>
    </message>
    <message>
        <source>This wall is not connected to a server yet</source>
        <translation>Эта панель ещё не подключена к серверу</translation>
    </message>
    <message>
        <source>Start it once with the address of your Triage server, for example:</source>
        <translation>Запустите её один раз с адресом вашего сервера Triage, например:</translation>
    </message>
    <message>
        <source>It signs in with the read-only account “wall” (another one with --user NAME); give its password in TRIAGE_PASSWORD the first time. The wall remembers the server and the account from then on: “triage --wall” is enough.</source>
        <translation>Она входит под учётной записью «wall» только для чтения (другая — через --user ИМЯ); в первый раз передайте её пароль в TRIAGE_PASSWORD. Дальше панель помнит сервер и учётную запись: достаточно «triage --wall».</translation>
    </message>
    <message>
        <source>Esc closes this screen.</source>
        <translation>Esc закрывает этот экран.</translation>
    </message>
</context>
<context>
    <name>triage::WallWindow</name>
    <message>
        <source>Triage — wall</source>
        <translation>Triage — табло</translation>
    </message>
    <message>
        <source>Service desk wall dashboard</source>
        <translation>Табло службы поддержки</translation>
    </message>
</context>
</TS>
