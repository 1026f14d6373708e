-- SIRET: 14 digits whose Luhn key is right. La Poste's establishments
-- (SIREN 356000000) follow their own rule: the sum of the digits is a
-- multiple of 5.
create or replace function public.siret_is_valid(siret text)
returns boolean
language sql
immutable
parallel safe
as $function$
select
    coalesce(siret ~ '^[0-9]{14}$', false)
    and case
        when left(siret, 9) = '356000000' then (
            select sum(digit.value::int) % 5 = 0
            from regexp_split_to_table(siret, '') as digit (value)
        )
        else (
            select sum(
                case
                    when (15 - digit.position) % 2 = 0 then
                        case when 2 * digit.value::int > 9 then 2 * digit.value::int - 9 else 2 * digit.value::int end
                    else digit.value::int
                end
            ) % 10 = 0
            from regexp_split_to_table(siret, '') with ordinality as digit (value, position)
        )
    end
$function$;

comment on function public.siret_is_valid(text) is 'Whether a SIRET has 14 digits and a right Luhn key (La Poste: digit sum multiple of 5).';
