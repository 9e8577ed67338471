// The demo newsroom doubles as the tests' changing article server.
export * from '../../src/demo/newsroom.ts';
