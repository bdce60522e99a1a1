/**
 * The demo network: a few hundred members in clusters of colleagues with a few hubs, connected
 * through real invitations, and invitations in every state, sent over the last months; and a few
 * direct and group conversations, some unread, for both views of messaging.
 */
import type { Config } from '../config.js';
import type { Deps } from '../context.js';
import type { Db } from '../db/database.js';
import { setFlag } from '../flags/flags.js';
import { markAllRead } from '../inbox/read-state.js';
import { markRead, sendMessage, startConversation, updateConversation } from '../messaging/conversations.js';
import { acceptInvitation, ignoreInvitation } from '../invitations/respond.js';
import { sendInvitation } from '../invitations/send.js';
import { withdrawInvitation } from '../invitations/withdraw.js';
import { hashPassword } from '../members/passwords.js';
import { hasAnyMember, insertMember } from '../members/store.js';
import { ManualClock, iso } from '../shared/clock.js';
import { newId } from '../shared/crypto.js';
import { FIRST_NAMES, LAST_NAMES, localPartOf } from '../shared/names.js';
import { seededRandom } from '../shared/random.js';
import type { DialectName } from '../db/database.js';
import type { Role } from '../db/schema.js';

const DEMO_PASSWORD = 'rapport-demo';

export interface DemoLogin {
  email: string;
  password: string;
  role: Role;
  note: string;
}

const COMPANIES = [
  'Northwind',
  'Contoso',
  'Initech',
  'Globex',
  'Umbrella Health',
  'Stark Logistics',
  'Wayne Analytics',
  'Acme Robotics',
  'Hooli',
  'Pied Piper',
  'Vandelay Imports',
  'Soylent Foods',
];
const ROLES = [
  'Software Engineer',
  'Product Manager',
  'Designer',
  'Data Scientist',
  'Engineering Manager',
  'Recruiter',
  'Sales Lead',
  'Marketing Director',
  'Site Reliability Engineer',
  'Founder',
];

/** True when the database has no members yet. */
export async function isEmpty(db: Db): Promise<boolean> {
  return !(await hasAnyMember(db));
}

export async function loadDemo(db: Db, config: Config, dialect: DialectName, size = 300): Promise<DemoLogin[]> {
  // A fixed seed: every demo network is the same.
  const rand = seededRandom(20261126);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)]!;
  const start = Date.now() - 200 * 86_400_000;
  const clock = new ManualClock(start);
  // Weekly limits and cooldowns still apply to the demo's history.
  const deps: Deps = { config, clock, dialect };
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const domainOf = (company: string) => `${company.toLowerCase().replace(/[^a-z]+/g, '')}.example`;

  const special: { key: string; name: string; email: string; role: Role; headline: string }[] = [
    { key: 'admin', name: 'Avery Admin', email: 'admin@rapport.example', role: 'admin', headline: 'Rapport administrator' },
    { key: 'support', name: 'Sam Support', email: 'support@rapport.example', role: 'support', headline: 'Member support' },
    { key: 'alice', name: 'Alice Martin', email: 'alice@northwind.example', role: 'member', headline: 'Head of Talent at Northwind' },
    { key: 'bob', name: 'Bob Okafor', email: 'bob@contoso.example', role: 'member', headline: 'Product Manager at Contoso' },
  ];
  const ids = new Map<string, string>();
  const members: { id: string; company: string; hub: boolean }[] = [];
  for (const s of special) {
    const m = await insertMember(db, {
      id: newId(),
      email: s.email,
      name: s.name,
      headline: s.headline,
      passwordHash,
      role: s.role,
      balance: config.initialBalance,
      createdAt: iso(clock.now()),
    });
    ids.set(s.key, m.id);
    if (s.role === 'member') members.push({ id: m.id, company: s.key === 'alice' ? 'Northwind' : 'Contoso', hub: s.key === 'alice' });
  }
  const used = new Set(special.map((s) => s.email));
  for (let i = members.length; i < size; i++) {
    const first = pick(FIRST_NAMES);
    const last = pick(LAST_NAMES);
    const company = COMPANIES[i % COMPANIES.length]!;
    let email = `${localPartOf(first, last)}@${domainOf(company)}`;
    for (let n = 2; used.has(email); n++) email = email.replace(/(\d*)@/, `${n}@`);
    used.add(email);
    const m = await insertMember(db, {
      id: newId(),
      email,
      name: `${first} ${last}`,
      headline: `${pick(ROLES)} at ${company}`,
      passwordHash,
      role: 'member',
      balance: config.initialBalance,
      createdAt: iso(clock.now()),
    });
    members.push({ id: m.id, company, hub: rand() < 0.03 });
  }

  const actor = (id: string, path: 'web' | 'api' = 'web') => ({ memberId: id, role: 'member' as const, path });
  const tryIt = async <T>(f: () => Promise<T>) => {
    try {
      return await f();
    } catch {
      return undefined;
    }
  };

  // Colleagues connect with each other; hubs reach across companies.
  for (const a of members) {
    const peers = members.filter((b) => b.id !== a.id && (b.company === a.company ? rand() < 0.18 : a.hub && rand() < 0.12));
    for (const b of peers) {
      clock.advance(Math.floor(rand() * 60_000));
      const inv = await tryIt(() => sendInvitation(db, deps, actor(a.id), { recipient: { memberId: b.id } }));
      if (inv) await tryIt(() => acceptInvitation(db, deps, actor(b.id), inv.id));
    }
  }

  // Invitations in every state, spread over the last months.
  clock.advance(Math.max(0, Date.now() - 190 * 86_400_000 - clock.now().getTime()));
  const alice = ids.get('alice')!;
  const bob = ids.get('bob')!;
  const strangers = members.filter((m) => m.company !== 'Northwind' && m.company !== 'Contoso');
  for (let day = 0; day < 186; day += 3) {
    clock.advance(3 * 86_400_000);
    for (const sender of [alice, bob]) {
      const target = pick(strangers);
      const inv = await tryIt(() =>
        sendInvitation(db, deps, actor(sender), {
          recipient: { memberId: target.id },
          message: rand() < 0.5 ? 'It would be great to connect — we met at the product meetup.' : null,
        }),
      );
      if (!inv) continue;
      const fate = rand();
      if (fate < 0.2) await tryIt(() => acceptInvitation(db, deps, actor(target.id), inv.id));
      else if (fate < 0.3) await tryIt(() => ignoreInvitation(db, deps, actor(target.id), inv.id, 'ignore'));
      else if (fate < 0.4) await tryIt(() => withdrawInvitation(db, deps, actor(sender), inv.id));
    }
    if (day % 9 === 0) {
      const n = day / 9;
      await tryIt(() =>
        sendInvitation(db, deps, actor(alice), {
          recipient: { email: `candidate${n}@mail.example` },
          message: 'Hello! I would like to add you to my network.',
        }),
      );
      await tryIt(() => sendInvitation(db, deps, actor(bob), { recipient: { phone: `+1415555${String(1000 + n).padStart(4, '0')}` } }));
    }
  }
  // All of that is history its members have seen: only what follows is new in their inboxes.
  for (const m of members) await markAllRead(db, deps, actor(m.id), ['received', 'sent']);
  // Invitations to Alice and Bob waiting for their answer.
  clock.advance(Math.max(0, Date.now() - clock.now().getTime() - 3_600_000));
  for (const m of strangers.slice(0, 12)) {
    await tryIt(() =>
      sendInvitation(db, deps, actor(m.id), { recipient: { memberId: m.id === alice ? bob : alice }, message: rand() < 0.4 ? 'Would love to connect!' : null }),
    );
    await tryIt(() => sendInvitation(db, deps, actor(m.id), { recipient: { memberId: bob } }));
  }

  // Conversations over the last two days, the latest ones still unread: Alice reads them as
  // threads (new-messaging), Bob as messages with subject lines in his classic inbox.
  const colleagues = (company: string, n: number) => members.filter((m) => m.company === company && m.id !== alice && m.id !== bob).slice(0, n);
  const [dana, erik, fatima] = colleagues('Northwind', 3);
  const [gus, hana] = colleagues('Contoso', 2);
  const befriend = async (a: string, b: string) => {
    const inv = await tryIt(() => sendInvitation(db, deps, actor(a), { recipient: { memberId: b } }));
    if (inv) await tryIt(() => acceptInvitation(db, deps, actor(b), inv.id));
  };
  const cast = [dana, erik, fatima, gus, hana].filter((m) => m !== undefined).map((m) => m.id);
  clock.advance(Math.max(0, Date.now() - clock.now().getTime() - 2 * 86_400_000));
  await befriend(alice, bob);
  for (const id of cast) {
    await befriend(alice, id);
    await befriend(bob, id);
  }
  const minutes = (n: number) => clock.advance(n * 60_000);
  const talk = async (memberIds: string[], lines: [string, string][], subject?: string) => {
    const [first, ...rest] = lines;
    if (!first) return;
    minutes(7);
    const started = await tryIt(() =>
      startConversation(db, deps, actor(first[0]), { memberIds: memberIds.filter((id) => id !== first[0]), text: first[1], subject }),
    );
    if (!started) return;
    for (const [from, text] of rest) {
      minutes(3 + Math.floor(rand() * 40));
      await tryIt(() => sendMessage(db, deps, actor(from), started.conversation.view.id, text));
    }
    return started.conversation.view.id;
  };
  const readAll = async (memberId: string, conversationId: string | undefined) => {
    if (conversationId) await tryIt(() => markRead(db, deps, actor(memberId), conversationId));
  };
  const hiring = await talk(
    [alice, bob],
    [
      [bob, 'Hi Alice, are you still looking for a product designer? I know someone great who is about to leave Contoso.'],
      [alice, 'We are! Could you introduce us? Ideally before Friday, the role closes at the end of the month.'],
      [bob, 'Done, I have sent her your profile. Her name is Hana; she will write to you this week.'],
      [alice, 'Thank you, that is really kind. Lunch is on me next time.'],
    ],
    'Product designer for Northwind',
  );
  await readAll(bob, hiring);
  if (dana) {
    const id = await talk(
      [alice, dana.id],
      [
        [dana.id, 'Morning! The candidate pack for Thursday is in the shared folder.'],
        [alice, 'Great, I will read it tonight.'],
        [dana.id, 'One more thing: the second interviewer dropped out. Could you take the 2pm slot?\nIt is the systems design round.'],
      ],
    );
    void id; // left unread for Alice
  }
  if (dana && erik && gus) {
    const meetup = await talk(
      [alice, bob, dana.id, erik.id, gus.id],
      [
        [alice, 'Hello all, I have booked the room for the product meetup on the 14th. Who would like to give a talk?'],
        [gus.id, 'I can do 15 minutes on our onboarding experiments.'],
        [bob, 'Count me in for the panel.'],
        [erik.id, 'I will bring the pizza. Vegetarian options for everyone?'],
        [dana.id, 'Yes please, and something without gluten.'],
      ],
      'Product meetup, December 14',
    );
    await readAll(alice, meetup);
  }
  if (gus) {
    await talk(
      [bob, gus.id],
      [
        [gus.id, 'Bob, do you have the numbers from the November campaign? The board asks for them tomorrow.'],
        [bob, 'Yes, give me an hour.'],
        [gus.id, 'Thanks! Send them here when you can.'],
      ],
    );
  }
  if (hana) {
    await talk(
      [alice, hana.id],
      [[hana.id, 'Hello Alice, Bob told me about the designer role at Northwind. I would love to hear more about it.']],
      'Introduction from Bob',
    );
  }
  if (fatima) {
    const old = await talk(
      [alice, fatima.id],
      [
        [alice, 'Welcome to the team, Fatima!'],
        [fatima.id, 'Thank you Alice, happy to be here.'],
      ],
    );
    if (old) {
      await readAll(alice, old);
      await tryIt(() => updateConversation(db, actor(alice), old, { archived: true }));
    }
  }

  const admin = { memberId: ids.get('admin')!, role: 'admin' as const, path: 'cli' as const };
  await setFlag(db, deps, admin, 'bulk-withdraw', { rolloutPercent: 30, allow: [alice], deny: [bob] });
  await setFlag(db, deps, admin, 'inbox-withdraw', { rolloutPercent: 30, allow: [alice], deny: [bob] });
  await setFlag(db, deps, admin, 'new-messaging', { rolloutPercent: 0, allow: [alice], deny: [bob] });

  return [
    { email: 'alice@northwind.example', password: DEMO_PASSWORD, role: 'member', note: 'has bulk withdraw, inbox withdraw and the new messaging experience' },
    {
      email: 'bob@contoso.example',
      password: DEMO_PASSWORD,
      role: 'member',
      note: 'has none of them: withdraws one at a time, asks support, reads messages in the classic inbox',
    },
    { email: 'support@rapport.example', password: DEMO_PASSWORD, role: 'support', note: 'support console' },
    { email: 'admin@rapport.example', password: DEMO_PASSWORD, role: 'admin', note: 'flags, grants, dev mailbox' },
  ];
}

export function formatLogins(logins: DemoLogin[]): string {
  const width = Math.max(...logins.map((l) => l.email.length));
  return logins.map((l) => `  ${l.email.padEnd(width)}  ${l.password}  (${l.role}: ${l.note})`).join('\n');
}
