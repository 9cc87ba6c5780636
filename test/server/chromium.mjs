// The system Chromium every test uses (CHROME_PATH, else Debian's), and the
// flags it needs here: root needs --no-sandbox; the rest keep it off the
// closed network and away from a GPU.
export const chromiumPath = process.env.CHROME_PATH || '/usr/bin/chromium';

export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
