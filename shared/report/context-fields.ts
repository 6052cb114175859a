// The sender context of an item (DESIGN §8) in a report: the JSON object after the item's other
// keys, and the six CSV cells at the end of its row.

import type { SenderContext } from '../sender-context';
import type { ByteChunks } from './byte-chunks';
import { csvCell, csvList } from './csv';

export function writeContextJson(out: ByteChunks, context: SenderContext | null): void {
  out.ascii(',"context":');
  if (context === null) {
    out.ascii('null');
    return;
  }
  const nullable = (v: string | null) => (v === null ? out.ascii('null') : out.json(v));
  out.ascii('{"spf":');
  nullable(context.spf);
  out.ascii(',"spfMechanism":');
  nullable(context.spfMechanism);
  out.ascii(',"ptr":');
  if (context.ptr === null) out.ascii('null');
  else {
    out.byte(91);
    context.ptr.forEach((name, k) => {
      if (k > 0) out.byte(44);
      out.json(name);
    });
    out.byte(93);
  }
  out.ascii(',"fcrdns":').ascii(context.fcrdns === null ? 'null' : String(context.fcrdns));
  out.ascii(',"asn":').ascii(context.asn === null ? 'null' : String(context.asn));
  out.ascii(',"asName":');
  nullable(context.asName);
  out.byte(125);
}

export function contextCsvCells(context: SenderContext | null): string[] {
  if (context === null) return ['', '', '', '', '', ''];
  return [
    csvCell(context.spf),
    csvCell(context.spfMechanism),
    context.ptr === null ? '' : csvList(context.ptr),
    csvCell(context.fcrdns),
    csvCell(context.asn),
    csvCell(context.asName),
  ];
}
