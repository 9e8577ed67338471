CREATE TABLE `removals` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`article_id` integer NOT NULL,
	`removed_at` integer NOT NULL,
	`confirmed_at` integer NOT NULL,
	`status` integer NOT NULL,
	`version_ordinal` integer NOT NULL,
	`restored_at` integer,
	FOREIGN KEY (`article_id`) REFERENCES `articles`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `removals_article` ON `removals` (`article_id`,`removed_at`);