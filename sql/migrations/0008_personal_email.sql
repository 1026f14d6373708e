-- A personal e-mail: an address at a webmail provider whose local part looks
-- like first name and last name (jean.dupont@, marie-claire.martin@). Such
-- rows are flagged _has_pii and their contacts are masked in open-data
-- exports. Without a bundled first-names list the name shape is a pattern:
-- it flags some pseudonyms too, which errs on the side of privacy.
create or replace function public.email_is_personal(email text)
returns boolean
language sql
immutable
parallel safe
as $function$
select coalesce(
    lower(email) ~ '^[a-z]+(-[a-z]+)?[._][a-z]+(-[a-z]+)?[0-9]*@(gmail\.com|googlemail\.com|hotmail\.(fr|com)|live\.(fr|com)|outlook\.(fr|com)|msn\.com|yahoo\.(fr|com)|orange\.fr|wanadoo\.fr|free\.fr|sfr\.fr|neuf\.fr|laposte\.net|icloud\.com|me\.com|aol\.(fr|com)|bbox\.fr|numericable\.fr|gmx\.(fr|com)|protonmail\.com|proton\.me)$',
    false
)
$function$;

comment on function public.email_is_personal(text) is 'Whether an e-mail looks personal: first.last at a webmail provider.';
