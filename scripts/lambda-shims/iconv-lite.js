// Lambda bundle only. authgate reads UTF-8 JSON and nothing else (other charsets are 415), so body-parser's
// 480 KB character-set library is replaced by the one decoder it is ever asked for.
const isUtf8 = (encoding) => /^utf-?8$/i.test(String(encoding));

module.exports = {
  encodingExists: isUtf8,
  getDecoder(encoding) {
    if (!isUtf8(encoding)) throw new Error(`Encoding not recognized: '${encoding}'`);
    const decoder = new TextDecoder('utf-8');
    return { write: (chunk) => decoder.decode(chunk, { stream: true }), end: () => decoder.decode() };
  },
  decode(buffer, encoding) {
    if (!isUtf8(encoding)) throw new Error(`Encoding not recognized: '${encoding}'`);
    return Buffer.from(buffer).toString('utf8');
  },
};
