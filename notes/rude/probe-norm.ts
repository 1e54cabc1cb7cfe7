import { normalizeForMatching } from '../../cloudfunctions/core/text/match.normalize';
for (const t of ['好的\n谢谢', 'ok sb', '好的  谢谢', 'nt吧 说了是国行'])
  console.log(JSON.stringify(normalizeForMatching(t, 2).text));
