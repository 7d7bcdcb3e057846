// The CRM-side page of the tabs bench (origin A): one shared bar per page, driven by bench/tabs.mjs.
// Records when this tab became the owner and when its frame was ready (wall clock, ms).
window.tabsBench = {
  ownerAt: 0,
  readyAt: 0,
  mount(cfg) {
    const bar = window.CecBarTabs.mountSharedConnectionBar({
      container: '#bar',
      shellUrl: cfg.shellUrl,
      cecContextPath: cfg.cecContextPath,
      tenantSpaceId: cfg.tenantSpaceId,
      userAccount: cfg.userAccount,
      tabs: { channelName: cfg.channelName },
      getAccessToken: async () => {
        const r = await fetch(cfg.tokenUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userAccount: cfg.userAccount }) });
        return (await r.json()).access_token;
      },
    });
    bar.on('ownership', (o) => { if (o.owner) this.ownerAt = Date.now(); });
    bar.on('connection', (c) => { if (c.state === 'ready' && bar.ownership.owner) this.readyAt = Date.now(); });
    this.bar = bar;
    return Date.now();
  },
};
document.documentElement.dataset.benchReady = '1';
