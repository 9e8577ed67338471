-- checks.reread_versions: how many versions' stored pages a check read again with a newer extractor (monitor/reread.ts),
-- so the timeline's recent checks say it; 0 for every check before.
ALTER TABLE `checks` ADD `reread_versions` integer DEFAULT 0 NOT NULL;
