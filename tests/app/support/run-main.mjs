// Runs the built main bundle against the fake electron, plays a few things a
// hostile page would try, and prints what happened as JSON. Test-only.
const mainPath = process.argv[2];
await import(mainPath);
const rec = globalThis.__electron;
const tick = (ms = 30) => new Promise((r) => setTimeout(r, ms));
await tick(100);

const out = {};
out.switches = rec.switches;
out.sandbox = rec.sandbox;
out.schemes = rec.schemes;
out.errors = rec.errors;
out.windows = rec.windows.map((w) => ({
  title: w.options.title,
  options: w.options,
  calls: w.calls.map((c) => c[0]),
  loaded: w.calls.find((c) => c[0] === 'loadURL')?.[1],
  portsHandedOver: w.webContents.posted.filter((p) => p.channel === 'candor:engine-port' && p.ports === 1).length,
}));
const hud = rec.windows.find((w) => w.options.title === 'Candor coach');
const wc = hud.webContents;

// navigation and new windows
out.navigation = {};
for (const ev of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
  let prevented = false;
  wc.emit(ev, { preventDefault: () => (prevented = true) }, 'https://evil.example/');
  out.navigation[ev] = prevented;
}
out.windowOpen = wc.openHandler ? wc.openHandler({ url: 'https://evil.example/' }) : null;

// permissions and requests
const perm = (p, url) => new Promise((r) => rec.session.permissionRequest(wc, p, r, { requestingUrl: url, mediaTypes: ['audio'] }));
out.permissions = {
  mediaOurs: await perm('media', 'app://candor/hud.html'),
  mediaOther: await perm('media', 'https://evil.example/'),
  geolocationOurs: await perm('geolocation', 'app://candor/hud.html'),
  notificationsOurs: await perm('notifications', 'app://candor/hud.html'),
};
const req = (url) => new Promise((r) => rec.session.beforeRequest({ url }, (x) => r(x.cancel)));
out.requestsCancelled = {
  https: await req('https://example.com/telemetry'),
  ws: await req('ws://127.0.0.1:9/'),
  app: await req('app://candor/assets/x.js'),
};
out.displayMedia = await new Promise((r) => rec.session.displayMedia({ frame: { url: 'https://evil.example/' }, securityOrigin: 'https://evil.example' }, r));

// the app:// protocol
const handler = rec.protocolHandlers.get('app');
const page = await handler({ url: 'app://candor/hud.html' });
out.protocol = {
  status: page.status,
  csp: page.headers.get('content-security-policy'),
  body: (await page.text()).slice(0, 200),
  traversal: (await handler({ url: 'app://candor/..%2f..%2fpackage.json' })).status,
};

// IPC: the right frame, a foreign frame, a subframe, a bad payload, a wrong window
const ipc = (m, event, p) => rec.ipc.get(`candor:app:${m}`)(event, p);
const frame = (url, parent = null) => ({ sender: { id: wc.id }, senderFrame: { url, parent } });
out.ipcChannels = [...rec.ipc.keys()].sort();
out.ipc = {
  good: await ipc('setClickThrough', frame('app://candor/hud.html'), { enabled: true }),
  foreign: await ipc('setClickThrough', frame('https://evil.example/hud.html'), { enabled: true }),
  subframe: await ipc('setClickThrough', frame('app://candor/hud.html', {}), { enabled: true }),
  badPayload: await ipc('setClickThrough', frame('app://candor/hud.html'), { enabled: 'yes' }),
  wrongWindow: await ipc('exportCalls', frame('app://candor/hud.html'), { ids: 'all', format: 'json' }),
  info: await ipc('info', frame('app://candor/hud.html')),
};
await tick();
out.hudCallsAfter = hud.calls.map((c) => c[0]);
out.clickThroughEvent = wc.sent.filter((s) => s.channel === 'candor:app-event').map((s) => s.payload.e);
out.fork = rec.forks.map((f) => ({ path: f.path, env: { CANDOR_MANIFEST: f.opts.env.CANDOR_MANIFEST, CANDOR_VERSION: f.opts.env.CANDOR_VERSION }, connects: f.connects }));
out.shortcuts = rec.shortcuts;
out.tray = rec.trays.map((t) => ({ tooltip: t.tooltip, items: t.menu?.map((i) => i.label ?? i.type) }));
out.appEvents = [...rec.appHandlers.keys()];
process.stdout.write(JSON.stringify(out));
process.exit(0);
