-- hosts.retry_after_until: the end of a Retry-After among a site's hold, so that every process knows it (a check by
-- hand is refused until then) instead of guessing from the hold's length. A hold written before it counts as a
-- Retry-After only when longer than any Crawl-delay (2 minutes, scheduler.ts).
ALTER TABLE `hosts` ADD `retry_after_until` integer DEFAULT 0 NOT NULL;
