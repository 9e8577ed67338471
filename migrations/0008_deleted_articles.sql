CREATE TABLE `deleted_articles` (
	`url` text PRIMARY KEY NOT NULL,
	`deleted_at` integer NOT NULL
);
