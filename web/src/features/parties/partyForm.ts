// The state of the party form (new party and edit), its checks, and what it sends: the
// whole party on creation, only the changed fields on an edit.
import type {
  Party,
  PartyContact,
  PartyContactInput,
  PartyCreate,
  PartyKind,
  PartyPatch,
  User,
} from '../../shared/api/types';
import { formatTaxId } from '../../shared/format';
import type { TFunction } from '../../shared/i18n/i18n';

export const PARTY_KINDS: PartyKind[] = ['customer', 'supplier', 'prospect'];

/** A contact person as typed: every field a string, blank = none. */
export interface ContactRow {
  name: string;
  email: string;
  phone: string;
  whatsapp: string;
  birthday: string;
}

export interface PartyFormState {
  code: string;
  kind: PartyKind;
  name: string;
  email: string;
  phone: string;
  whatsapp: string;
  /** CPF, CNPJ or RFC as typed (shown formatted when loaded). */
  tax_id: string;
  birthday: string;
  /** A select's value: '' = none. */
  branch_id: string;
  owner_id: string;
  contacts: ContactRow[];
}

export const EMPTY_CONTACT_ROW: ContactRow = { name: '', email: '', phone: '', whatsapp: '', birthday: '' };

export function emptyPartyForm(): PartyFormState {
  return {
    code: '',
    kind: 'customer',
    name: '',
    email: '',
    phone: '',
    whatsapp: '',
    tax_id: '',
    birthday: '',
    branch_id: '',
    owner_id: '',
    contacts: [],
  };
}

function rowOf(c: PartyContact | ContactRow): ContactRow {
  return { name: c.name, email: c.email, phone: c.phone, whatsapp: c.whatsapp, birthday: c.birthday ?? '' };
}

export function partyFormOf(p: Party): PartyFormState {
  return {
    code: p.code,
    kind: p.kind,
    name: p.name,
    email: p.email,
    phone: p.phone,
    whatsapp: p.whatsapp,
    tax_id: formatTaxId(p.tax_id, p.tax_id_kind),
    birthday: p.birthday ?? '',
    branch_id: p.branch_id === null ? '' : String(p.branch_id),
    owner_id: p.owner_id === null ? '' : String(p.owner_id),
    contacts: p.contacts.map(rowOf),
  };
}

/** What the server would refuse for sure, found before sending. */
export function checkPartyForm(f: PartyFormState, t: TFunction): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!f.code.trim()) errors.code = t('validation.required');
  if (!f.name.trim()) errors.name = t('validation.required');
  f.contacts.forEach((c, i) => {
    if (!c.name.trim()) errors[`contacts[${i}].name`] = t('validation.required');
  });
  return errors;
}

/** The contact persons to send; a blank birthday is left out rather than sent as "". */
function contactsOf(rows: ContactRow[]): PartyContactInput[] {
  return rows.map((r) => {
    const c = { name: r.name.trim(), email: r.email.trim(), phone: r.phone.trim(), whatsapp: r.whatsapp.trim() };
    return r.birthday ? { ...c, birthday: r.birthday } : c;
  });
}

export function createBody(f: PartyFormState): PartyCreate {
  const body: PartyCreate = { code: f.code.trim(), kind: f.kind, name: f.name.trim() };
  if (f.email.trim()) body.email = f.email.trim();
  if (f.phone.trim()) body.phone = f.phone.trim();
  if (f.whatsapp.trim()) body.whatsapp = f.whatsapp.trim();
  if (f.tax_id.trim()) body.tax_id = f.tax_id.trim();
  if (f.birthday) body.birthday = f.birthday;
  if (f.contacts.length) body.contacts = contactsOf(f.contacts);
  return body;
}

const idOf = (v: string) => (v ? Number(v) : null);

/** The server's normal form of a tax id: no punctuation or spaces, upper case. */
function normalTaxId(text: string): string {
  return text.replace(/[.\-/\s]/g, '').toUpperCase();
}

/** Only the fields the user changed, so a PATCH never rewrites the others. */
export function diffPartyPatch(p: Party, f: PartyFormState): PartyPatch {
  const patch: PartyPatch = {};
  for (const k of ['code', 'name', 'email', 'phone', 'whatsapp'] as const) {
    if (f[k].trim() !== p[k]) patch[k] = f[k].trim();
  }
  // Compared without punctuation: the form shows the stored id formatted.
  if (normalTaxId(f.tax_id) !== p.tax_id) patch.tax_id = f.tax_id.trim();
  if (f.kind !== p.kind) patch.kind = f.kind;
  if ((f.birthday || null) !== p.birthday) patch.birthday = f.birthday || null;
  if (idOf(f.branch_id) !== p.branch_id) patch.branch_id = idOf(f.branch_id);
  if (idOf(f.owner_id) !== p.owner_id) patch.owner_id = idOf(f.owner_id);
  const contacts = contactsOf(f.contacts);
  if (JSON.stringify(contacts) !== JSON.stringify(contactsOf(p.contacts.map(rowOf)))) patch.contacts = contacts;
  return patch;
}

/** The server's rule: the party's owner, a supervisor of its branch, or an admin. */
export function canEditParty(user: User, p: Party): boolean {
  if (p.owner_id === user.id || user.role === 'admin') return true;
  return user.role === 'supervisor' && user.branch_id !== null && p.branch_id === user.branch_id;
}
