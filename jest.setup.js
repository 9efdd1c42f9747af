// Integration tests wait for real brokers and databases (for conditions, never fixed sleeps).
jest.setTimeout(60_000);
