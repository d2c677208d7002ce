// Loads the protocol definitions (tfplugin6 subset and go-plugin's controller).
import { loadSync } from '@grpc/proto-loader';
import { URL, fileURLToPath } from 'node:url';

const OPTIONS = { keepCase: true, longs: Number, enums: Number, defaults: false, oneofs: true };

export function loadProtocol() {
  return loadSync(
    ['tfplugin6.proto', 'plugin.proto'].map((f) => fileURLToPath(new URL(f, import.meta.url))),
    OPTIONS,
  );
}
