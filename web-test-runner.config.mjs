// Runs the test suite in the system's Chromium (CHROME_PATH, else
// /usr/bin/chromium): no browser is downloaded. Prints a closing line
// "N passed, N failed" for CI.
import { chromeLauncher } from '@web/test-runner-chrome';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { testRoutes } from './test/server/routes.mjs';
import { countsReporter } from './test/server/counts-reporter.mjs';
import { chromiumArgs, chromiumPath } from './test/server/chromium.mjs';
import { defaultReporter } from '@web/test-runner';

export default {
  files: ['test/**/*.test.ts'],
  nodeResolve: true,
  concurrency: 2,
  testFramework: { config: { timeout: 10000 } },
  // Lit's one-line notice that the tests use its development build.
  filterBrowserLogs: ({ args }) => !String(args[0] ?? '').startsWith('Lit is in dev mode'),
  plugins: [esbuildPlugin({ ts: true })],
  middleware: [testRoutes],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: chromiumPath,
        headless: true,
        args: chromiumArgs,
      },
    }),
  ],
  reporters: [defaultReporter(), countsReporter()],
};
