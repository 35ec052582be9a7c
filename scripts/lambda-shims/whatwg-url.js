// API bundle only. The MongoDB driver parses connection strings with mongodb-connection-string-url, which takes
// URL and URLSearchParams from whatwg-url: a WHATWG URL of its own in JavaScript (with tr46, 280 KB of the
// minified bundle). Node's own URL implements the same standard; the parsed connection strings (hosts, options,
// credentials, SRV, IPv6, the errors) came out the same for every case tried.
module.exports = { URL: globalThis.URL, URLSearchParams: globalThis.URLSearchParams };
