// Services under test log only warnings and errors, so a failing test's output stays readable.
process.env.LOG_LEVEL ??= 'warn';
