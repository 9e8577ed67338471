-- hosts.retry_after_until: the end of a Retry-After among a site's hold, so that every process knows it (a check by
-- hand is refused until then) instead of guessing from the hold's length. Holds written before it read as Crawl-delays.
ALTER TABLE `hosts` ADD `retry_after_until` integer DEFAULT 0 NOT NULL;
