/**
 * Writes a synthetic resident roster for the import benchmark:
 *   npx nest build bench && node dist/bench/bench/generate-roster.js /tmp/roster-1m.csv 1000000 [gbk]
 * Every ID number is valid (check character computed) and unique; names,
 * phones, townships and tags vary deterministically (same file every run).
 */
import { encode } from 'iconv-lite';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { idCheckCharacter } from '../libs/domain/src/identity/id-number';

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国建华志强永红海燕玉兰春梅文斌晓明丹丹佳怡子涵浩然欣怡梓萱宇轩思远雨桐';
const TOWNSHIPS = ['城关镇', '东乡镇', '西溪乡', '南湖街道', '北山镇', '桥头镇', '白沙乡', '青山镇'];
const REGIONS = ['330781', '330782', '330726', '330702', '330783'];
const TAGS = ['', '', '', 'hypertension', 'diabetes_t2', 'hypertension|diabetes_t2', 'copd', 'disabled', 'low_income', ''];
const DAYS = 34_000; // 1930-01-01 onwards, up to 2023
const START = Date.UTC(1930, 0, 1);

/** A small deterministic generator, so two runs write the same file. */
function lcg(seed: number) {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

function row(i: number, random: () => number): string {
  const date = new Date(START + (i % DAYS) * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '');
  // (birth date, sequence) is unique per i; the sequence's parity gives the sex
  const first17 = REGIONS[i % REGIONS.length] + date + String(100 + Math.floor(i / DAYS)).padStart(3, '0');
  const idNumber = first17 + idCheckCharacter(first17);
  const surname = SURNAMES[Math.floor(random() * SURNAMES.length)];
  const given = GIVEN[Math.floor(random() * GIVEN.length)] + (random() < 0.7 ? GIVEN[Math.floor(random() * GIVEN.length)] : '');
  const phone = random() < 0.8 ? `1${3 + (i % 7)}${String(i).padStart(9, '0')}` : '';
  const township = TOWNSHIPS[i % TOWNSHIPS.length];
  const female = Number(first17[16]) % 2 === 0;
  const tag = TAGS[Math.floor(random() * TAGS.length)];
  return [surname + given, idNumber, phone, township, `${township}${(i % 300) + 1}村${(i % 97) + 1}号`, `H${String(Math.floor(i / 3)).padStart(8, '0')}`,
    female && i % 50 === 0 ? (tag ? `${tag}|pregnant` : 'pregnant') : tag].join(',');
}

async function main(): Promise<void> {
  const [file, countArg, encoding] = process.argv.slice(2);
  const count = Number(countArg ?? 1_000_000);
  if (!file || !Number.isInteger(count) || count < 1) throw new Error('usage: generate-roster.ts <out.csv> <rows> [gbk]');
  const out = createWriteStream(file);
  const write = (text: string) => out.write(encoding === 'gbk' ? encode(text, 'gbk') : text);
  const random = lcg(20261122);
  write('name,idNumber,phone,township,addressLine,householdNo,tags\n');
  let buffer = '';
  for (let i = 0; i < count; i++) {
    buffer += row(i, random) + '\n';
    if (buffer.length > 256 * 1024) {
      if (!write(buffer)) await once(out, 'drain');
      buffer = '';
    }
  }
  write(buffer);
  out.end();
  await once(out, 'finish');
  console.log(`wrote ${count} rows to ${file}`);
}

main().catch((e: Error) => {
  console.error(e.message);
  process.exit(1);
});
