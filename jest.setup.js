// What the code under test logs goes to a file of its own per test file, not into jest's output:
// outages and rebalances that a test causes on purpose are logged at error level, and a green
// run's output then holds only jest's own lines. `npm test` lists the files with error lines.
{
  const path = require('node:path');
  const fs = require('node:fs');
  const root = __dirname;
  const testPath = expect.getState().testPath;
  if (testPath && !process.env.KEEP_TEST_LOGS_ON_STDOUT) {
    const dir = path.join(root, '.local', 'test-logs');
    fs.mkdirSync(dir, { recursive: true });
    process.env.LOG_FILE = path.join(dir, path.relative(root, testPath).replace(/[\\/]/g, '__') + '.log');
  }
}

// Integration tests wait for real brokers and databases (for conditions, never fixed sleeps).
jest.setTimeout(60_000);

// Each test file's isolated runs (libs/testing isolatedRun) leave topics behind; delete them once
// the file's own afterAll hooks (which close its apps) have run. A full run creates thousands of
// partitions, and the broker holds a file open for each.
afterAll(async () => {
  const prefixes = globalThis.__civilRunTopicPrefixes ?? [];
  if (prefixes.length === 0) return;
  globalThis.__civilRunTopicPrefixes = [];
  const { Kafka, logLevel } = require('kafkajs');
  const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:19092').split(',');
  const admin = new Kafka({ clientId: 'test-cleanup', brokers, logLevel: logLevel.NOTHING, retry: { retries: 2 } }).admin();
  try {
    await admin.connect();
    const topics = (await admin.listTopics()).filter((t) => prefixes.some((p) => t.startsWith(p)));
    if (topics.length) await admin.deleteTopics({ topics, timeout: 30_000 });
  } catch {
    // cleanup only: a broker that is gone or slow does not fail the tests
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
});
