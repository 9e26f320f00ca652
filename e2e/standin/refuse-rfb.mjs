// Stand-in VNC "server" for e2e/selftest.sh: refuses every client the way vncgate's gateway does,
// with an RFB 3.8 security failure (no security types, then the reason), so noVNC shows it.
//   node refuse-rfb.mjs PORT REASON
import net from 'node:net';

const [port, reason] = process.argv.slice(2);
const server = net.createServer((socket) => {
  socket.on('error', () => socket.destroy());
  socket.write('RFB 003.008\n');
  let got = 0;
  socket.on('data', (chunk) => {
    got += chunk.length;
    if (got < 12) return; // the client's 12-byte ProtocolVersion
    const text = Buffer.from(reason, 'utf8');
    const failure = Buffer.alloc(5 + text.length);
    failure.writeUInt32BE(text.length, 1); // u8 0 security types, u32 length, reason
    text.copy(failure, 5);
    socket.end(failure);
    socket.removeAllListeners('data');
  });
});
server.listen(Number(port), '127.0.0.1');
