-- E-mails lower-cased and trimmed; NULL when the syntax is not an address.
create or replace function public.email_normalized(raw text)
returns text
language sql
immutable
parallel safe
as $function$
select
    case
        when address.value ~ '^[a-z0-9.!#$%&''*+/=?^_`{|}~-]+@[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$'
            and char_length(address.value) <= 254
            and char_length(split_part(address.value, '@', 1)) <= 64
            then address.value
    end
from (select lower(btrim(raw)) as value) as address
$function$;

comment on function public.email_normalized(text) is 'An e-mail address lower-cased and trimmed, NULL when its syntax is not valid.';

-- Replaces 0008's shape-only rule, which flagged any word.word at a webmail
-- (accueil.ccas@orange.fr, mairie.exemple@wanadoo.fr: functional mailboxes).
-- Personal: an address at a webmail provider whose local part, split on
-- '.', '_', '-' and digits, has at least two words and
--   - starts with a first name (marie.dupont, marie-claire.martin, paul_durand75),
--   - or is exactly surname then first name (dupont.marie),
--   - or starts with an initial and a separator (j.dupont, j-dupont).
-- A lone first name (marie75@) does not identify a person and is not flagged.
-- An initial glued to the surname (jdupont@) cannot be told from acronyms and
-- functional names (cjdupleix@, asso35@) without a surnames list and is not
-- flagged either. Where a rule could go both ways it flags the address:
-- a wrongly flagged address only hides a contact from the open-data export.
-- Reading a table, the function is STABLE, not IMMUTABLE.
create or replace function public.email_is_personal(email text)
returns boolean
language sql
stable
parallel safe
as $function$
with

address as (
    select
        split_part(lower(btrim(email)), '@', 1) as local_part,
        split_part(lower(btrim(email)), '@', 2) as domain
    where email like '%_@_%'
),

words as (
    select
        address.local_part as local_part,
        address.domain as domain,
        array_remove(regexp_split_to_array(address.local_part, '[^a-z]+'), '') as list
    from address as address
)

select coalesce((
    select
        words.domain ~ '^(gmail\.com|googlemail\.com|(hotmail|live|outlook|yahoo|aol|gmx)\.(fr|com|be|ch|co\.uk|de|es|it)|msn\.com|ymail\.com|orange\.fr|wanadoo\.fr|free\.fr|sfr\.fr|neuf\.fr|cegetel\.net|club-internet\.fr|aliceadsl\.fr|noos\.fr|numericable\.fr|bbox\.fr|laposte\.net|icloud\.com|me\.com|mac\.com|protonmail\.(com|ch)|proton\.me|tutanota\.com|mail\.com|voila\.fr|libertysurf\.fr|tiscali\.fr|netcourrier\.com)$'
        and cardinality(words.list) >= 2
        and (
            exists (select from ref.first_names as names where names.prenom = words.list[1])
            or (cardinality(words.list) = 2
                and exists (select from ref.first_names as names where names.prenom = words.list[2]))
            or words.local_part ~ '^[a-z][._-][a-z]{2,}'
        )
    from words as words
), false)
$function$;

comment on function public.email_is_personal(text) is 'Whether an e-mail looks personal: at a webmail provider, a local part with a first name first (or surname.first-name, or initial.surname).';
