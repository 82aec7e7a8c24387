// The environment every test runs in, and the services it starts (in process or as child processes).
// Services under test log only warnings and errors, so a failing test's output stays readable.
process.env.LOG_LEVEL ??= 'warn';
// Tests send thousands of requests from one address as a handful of people: the edge's budgets are lifted,
// except where a test sets its own to see them work (limits.e2e-spec.ts).
process.env.RATE_LIMIT_PER_ADDRESS ??= '1000000';
process.env.RATE_LIMIT_PER_SUBJECT ??= '1000000';
