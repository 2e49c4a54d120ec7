import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // The run's temp folder, removed at the end (test/global-setup.ts).
    globalSetup: ["test/global-setup.ts"],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    // Builds and browsers are heavy; two workers suit a 2-core machine.
    maxWorkers: 2,
  },
});
