CREATE TABLE `source_links` (
	`source_id` integer NOT NULL,
	`url` text NOT NULL,
	`first_seen_at` integer NOT NULL,
	`last_listed_at` integer NOT NULL,
	`added` integer NOT NULL,
	PRIMARY KEY(`source_id`, `url`),
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `source_links_listed` ON `source_links` (`source_id`,`last_listed_at`);--> statement-breakpoint
CREATE TABLE `sources` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`url` text NOT NULL,
	`kind` text,
	`title` text,
	`state` text DEFAULT 'active' NOT NULL,
	`interval_minutes` integer NOT NULL,
	`article_interval_minutes` integer,
	`created_at` integer NOT NULL,
	`next_check_at` integer NOT NULL,
	`last_checked_at` integer,
	`etag` text,
	`last_modified` text,
	`failure_count` integer DEFAULT 0 NOT NULL,
	`last_error` text,
	`articles_added` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sources_url_unique` ON `sources` (`url`);--> statement-breakpoint
CREATE INDEX `sources_due` ON `sources` (`state`,`next_check_at`);