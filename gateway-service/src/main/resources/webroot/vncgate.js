// vncgate's web client: noVNC's RFB library with a small page around it. It reads the same
// settings as noVNC's own vnc.html (fragment first, then query string), so links work with either.
import RFB from './novnc/core/rfb.js';

const screen = document.getElementById('screen');
const status = document.getElementById('status');
const help = document.getElementById('help');
const credentials = document.getElementById('credentials');
const disconnectButton = document.getElementById('disconnect');

function setting(name, fallback) {
  for (const source of [window.location.hash, window.location.search]) {
    const match = source.match(new RegExp('[#?&]' + name + '=([^&#]*)'));
    if (match) {
      return decodeURIComponent(match[1]);
    }
  }
  return fallback;
}

function show(state, text) {
  document.body.dataset.state = state;
  status.textContent = text;
}

const path = setting('path', 'websockify');
if (!/[?&]token=[^&]+/.test(path)) {
  show('idle', 'No access token in this link.');
  help.hidden = false;
} else if (setting('autoconnect', 'true') === 'false') {
  show('idle', 'Ready.');
} else {
  connect(path);
}

function connect(wsPath) {
  const url = new URL(wsPath, window.location.href);
  url.protocol = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  show('connecting', 'Connecting…');
  let refused = false;
  const rfb = new RFB(screen, url.href, {
    shared: setting('shared', 'true') !== 'false',
    credentials: { password: setting('password', undefined) },
  });
  const resize = setting('resize', 'scale');
  rfb.scaleViewport = resize === 'scale';
  rfb.resizeSession = resize === 'remote';
  rfb.viewOnly = setting('view_only', 'false') === 'true';

  let desktopName = '';
  rfb.addEventListener('connect', () => {
    show('connected', desktopName ? 'Connected to ' + desktopName : 'Connected');
    disconnectButton.hidden = false;
    rfb.focus();
  });
  rfb.addEventListener('desktopname', (e) => {
    desktopName = e.detail.name;
    document.title = e.detail.name;
    if (document.body.dataset.state === 'connected') {
      status.textContent = 'Connected to ' + e.detail.name;
    }
  });
  // The gateway refuses sessions with an RFB security failure that carries the reason.
  rfb.addEventListener('securityfailure', (e) => {
    refused = true;
    show('refused', 'Connection refused: ' + (e.detail.reason || 'the desktop did not accept this connection'));
  });
  rfb.addEventListener('credentialsrequired', () => {
    show('credentials', 'The desktop asks for a password.');
    credentials.hidden = false;
    document.getElementById('password').focus();
  });
  rfb.addEventListener('disconnect', (e) => {
    disconnectButton.hidden = true;
    credentials.hidden = true;
    if (refused) {
      return;
    }
    show('disconnected', e.detail.clean ? 'Disconnected.' : 'Could not reach the desktop. Try the link again.');
  });
  credentials.addEventListener('submit', (e) => {
    e.preventDefault();
    credentials.hidden = true;
    show('connecting', 'Connecting…');
    rfb.sendCredentials({ password: document.getElementById('password').value });
  });
  disconnectButton.addEventListener('click', () => rfb.disconnect());
}
