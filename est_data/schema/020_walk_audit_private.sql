-- 020 (issue 18 item 3, privacy): the audit log keeps who did what, not personal data. A walk's
-- participants and internal notes were logged with their text by 015's first version; from now on
-- est_data.walks logs only that they were set or changed ("[personuppgift]"). This replaces the text
-- already in the log the same way (a value that was null stays null).
update audit_log
set after_json = json_merge_patch(after_json, '{"participants": "[personuppgift]"}')::varchar
where table_name = 'walk' and json_extract_string(after_json, '$.participants') is not null;

update audit_log
set after_json = json_merge_patch(after_json, '{"notes": "[personuppgift]"}')::varchar
where table_name = 'walk' and json_extract_string(after_json, '$.notes') is not null;

update audit_log
set before_json = json_merge_patch(before_json, '{"participants": "[personuppgift]"}')::varchar
where table_name = 'walk' and json_extract_string(before_json, '$.participants') is not null;

update audit_log
set before_json = json_merge_patch(before_json, '{"notes": "[personuppgift]"}')::varchar
where table_name = 'walk' and json_extract_string(before_json, '$.notes') is not null;
