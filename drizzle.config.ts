import { defineConfig } from 'drizzle-kit';

// `npm run db:generate` turns changes in src/db/schema.ts into a new SQL file
// in migrations/. The service applies migrations itself at start-up
// (src/db/client.ts), so nobody runs drizzle-kit against a live database.
export default defineConfig({
  dialect: 'sqlite',
  schema: './src/db/schema.ts',
  out: './migrations',
});
