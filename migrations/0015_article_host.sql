-- articles.host: the site of the article's URL (fetch/site.ts siteOf, `new URL(url).host`), so that the scheduler
-- picks the most overdue article of each free site in SQL instead of paging past a busy site's backlog. Stored URLs
-- are WHATWG hrefs without credentials (monitor/watch.ts normalizeArticleUrl), "scheme://host[:port]/…", so the
-- host is what lies between "://" and the first "/" after it. The due index carries it.
DROP INDEX `articles_due`;--> statement-breakpoint
ALTER TABLE `articles` ADD `host` text DEFAULT '' NOT NULL;--> statement-breakpoint
UPDATE `articles` SET `host` = substr(`url`, instr(`url`, '://') + 3, instr(substr(`url`, instr(`url`, '://') + 3) || '/', '/') - 1);--> statement-breakpoint
CREATE INDEX `articles_due` ON `articles` (`state`,`next_check_at`,`host`);
