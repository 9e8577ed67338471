ALTER TABLE `sources` ADD `refusal_count` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `sources` ADD `refused_since` integer;