CREATE TABLE `hosts` (
	`host` text PRIMARY KEY NOT NULL,
	`not_before` integer DEFAULT 0 NOT NULL,
	`busy_until` integer DEFAULT 0 NOT NULL,
	`busy_owner` text
);
