/** Nothing global yet: each integration test file starts what it needs (PGlite, a schema on PostgreSQL, the Kafka mock). */
export default function setup(): void {}
