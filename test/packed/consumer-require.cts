// The CommonJS side of the packed consumer: `require` resolves each entry's .d.cts.
import host = require('cec-bar-host');
import server = require('cec-bar-host/server');
import protocol = require('cec-bar-host/protocol');

export const mount: typeof host.mountConnectionBar = host.mountConnectionBar;
export const createIssuer: typeof server.createBarTokenIssuer = server.createBarTokenIssuer;
export const codes: readonly string[] = protocol.BAR_ERROR_CODES;
