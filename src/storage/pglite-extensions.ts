import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';

/**
 * The PostgreSQL extensions the migrations create (`CREATE EXTENSION pg_trgm` for the word
 * search of the dashboard), loaded into every PGlite this project opens: the app's database,
 * test databases and the scratch database of the schema check. PostgreSQL has them built in.
 */
export const pgliteExtensions = { pg_trgm };
