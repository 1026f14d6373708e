-- Normalizers applied by the final layer to every source (issue: clean and
-- enrich). Each returns NULL for a value it cannot make valid; the models
-- record such values with the reason in int__set_aside_values.

-- Phones in E.164 with French rules: the trunk 0 becomes +33, overseas
-- prefixes get their own country code (Réunion and Mayotte +262,
-- Guadeloupe +590, Guyane +594, Martinique +596, Saint-Pierre +508),
-- 00 becomes +, short numbers (3949, 115) stay as digits.
create or replace function public.phone_e164(raw text)
returns text
language sql
immutable
parallel safe
as $function$
with

digits as (
    select regexp_replace(coalesce(raw, ''), '[^0-9+]', '', 'g') as value
),

international as (
    select case when digits.value like '00%' then '+' || substr(digits.value, 3) else digits.value end as value
    from digits
)

select
    case
        when number.value ~ '^[1-9][0-9]{2,5}$' then number.value
        when number.value ~ '^\+33[1-9][0-9]{8}$' then number.value
        when number.value ~ '^\+330[1-9][0-9]{8}$' then '+33' || substr(number.value, 5)
        when number.value ~ '^0(262|263|692|693|269|639)[0-9]{6}$' then '+262' || substr(number.value, 2)
        when number.value ~ '^0(590|690|691)[0-9]{6}$' then '+590' || substr(number.value, 2)
        when number.value ~ '^0(594|694)[0-9]{6}$' then '+594' || substr(number.value, 2)
        when number.value ~ '^0(596|696|697)[0-9]{6}$' then '+596' || substr(number.value, 2)
        when number.value ~ '^0508[0-9]{6}$' then '+508' || substr(number.value, 5)
        when number.value ~ '^0[1-9][0-9]{8}$' then '+33' || substr(number.value, 2)
        when number.value ~ '^\+[1-9][0-9]{7,14}$' then number.value
    end
from international as number
$function$;

comment on function public.phone_e164(text) is 'A phone number in E.164 (French and overseas rules), short numbers as digits, NULL when not a valid number.';
