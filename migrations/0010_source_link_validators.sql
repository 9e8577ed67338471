ALTER TABLE `source_links` ADD `etag` text;--> statement-breakpoint
ALTER TABLE `source_links` ADD `last_modified` text;