-- Opening hours -----------------------------------------------------------------

-- The reason given for a token the grammar did not expect: the likely slip
-- when there is one (French day names, hours written 9h), else the text
-- from that token on.
create or replace function public.opening_hours_token_problem(token text, rest text)
returns text
language sql
immutable
parallel safe
as $function$
select
    case
        when token = '' then 'incomplete at the end'
        when token = '"' then 'unterminated comment'
        when token ~* '^[0-9]+h[0-9]*$' then format('time ''%s'' is not HH:MM', token)
        -- a day OSM knows, written elsewhere than the grammar allows, falls to the excerpt
        when token not in ('Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa', 'Su') and lower(token) in (
            'mo', 'tu', 'we', 'th', 'fr', 'sa', 'su',
            'lu', 'lun', 'lundi', 'ma', 'mar', 'mardi', 'me', 'mer', 'mercredi', 'je', 'jeu', 'jeudi',
            've', 'ven', 'vendredi', 'sam', 'samedi', 'di', 'dim', 'dimanche',
            'mon', 'monday', 'tue', 'tues', 'tuesday', 'wed', 'wednesday', 'thu', 'thur', 'thurs', 'thursday',
            'fri', 'friday', 'sat', 'saturday', 'sun', 'sunday'
        ) then format('unknown day ''%s''', token)
        when lower(token) in (
            'janvier', 'janv', 'fevrier', 'février', 'fev', 'fév', 'mars', 'avril', 'avr', 'mai', 'juin',
            'juillet', 'juil', 'aout', 'août', 'septembre', 'sept', 'octobre', 'novembre', 'decembre', 'décembre', 'dec', 'déc',
            'jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov'
        ) then format('unknown month ''%s''', token)
        else format('unparsable near ''%s''', case when char_length(rest) > 30 then left(rest, 30) || '…' else rest end)
    end
$function$;

-- A time of day must be HH:MM from 00:00 to 24:00.
create or replace function public.opening_hours_time_problem(token text)
returns text
language sql
immutable
parallel safe
as $function$
select
    case
        when token !~ '^[0-9]{2}:[0-9]{2}$' then format('time ''%s'' is not HH:MM', token)
        when split_part(token, ':', 1)::int > 24 or split_part(token, ':', 2)::int > 59
            or (split_part(token, ':', 1)::int = 24 and split_part(token, ':', 2)::int > 0)
            then format('time %s out of range', token)
    end
$function$;

-- A day of month must exist in that month (Feb 29 is allowed: any year).
create or replace function public.opening_hours_date_problem(month text, day text)
returns text
language sql
immutable
parallel safe
as $function$
select
    case
        when day !~ '^[0-9]{1,2}$'
            or day::int not between 1 and (array[31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31])[
                array_position(array['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'], month)]
            then format('day %s out of range for %s', day, month)
    end
$function$;

-- Whether the text is in the sources' usual spelling of the grammar below:
-- single spaces, valid times that are not equal, months without days. The
-- parser takes 60 to 170 microseconds per value, slow for every row of the
-- final layer; this check takes a fifth of that. Each token becomes one
-- symbol with plain replace() calls (comments "", times #, days <, PH and
-- SH >, months =, open/closed/off/unknown !, 24/7 *) and one regular
-- expression checks the sequence. It accepts only what the parser accepts
-- (the values it declines are parsed), so it never changes a result.
create or replace function public.opening_hours_usual_spelling(raw text)
returns boolean
language plpgsql
immutable
parallel safe
as $function$
declare
    shape text := btrim(translate(raw, chr(160), ' '));
    around_dashes text[] := string_to_array(shape, '-');
    piece int;
    day text;
    month text;
begin
    -- a symbol already in the text, or an hour from 24 or minutes from 60:
    -- the parser decides
    if shape ~ '[#<>=!*]|(?:2[4-9]|[3-9][0-9]):|:[6-9]' then
        return false;
    end if;
    -- equal times around a dash (08:00-08:00), found without a slow
    -- back-reference: the parser decides
    for piece in 1 .. coalesce(array_length(around_dashes, 1), 0) - 1 loop
        if right(around_dashes[piece], 5) = left(around_dashes[piece + 1], 5) then
            return false;
        end if;
    end loop;
    if strpos(shape, '"') > 0 then
        shape := regexp_replace(shape, '"[^"]*"', '""', 'g');
    end if;
    shape := replace(shape, '24/7', '*');
    shape := replace(translate(shape, '123456789', '000000000'), '00:00', '#');
    shape := replace(replace(replace(replace(shape, 'open', '!'), 'closed', '!'), 'off', '!'), 'unknown', '!');
    foreach month in array array['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] loop
        shape := replace(shape, month, '=');
    end loop;
    shape := replace(replace(shape, 'PH', '>'), 'SH', '>');
    foreach day in array array['Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa', 'Su'] loop
        shape := replace(shape, day, '<');
    end loop;
    -- rule: 24/7, or [months] [days] times, or [months] days, or months; then
    -- [modifier] [comment]; or a modifier or a comment alone
    return shape ~ (
        '^(?:(?:\*|(?:=(?:-=)?(?:,=(?:-=)?)* )?(?:(?:<(?:-<)?|>)(?:,(?:<(?:-<)?|>))* )?#(?:-#)?\+?(?:,#(?:-#)?\+?)*'
        || '|(?:=(?:-=)?(?:,=(?:-=)?)* )?(?:<(?:-<)?|>)(?:,(?:<(?:-<)?|>))*|=(?:-=)?(?:,=(?:-=)?)*)(?: !)?(?: "")?|!(?: "")?|"")'
        || '(?:(?:; |, | \|\| )'
        || '(?:(?:\*|(?:=(?:-=)?(?:,=(?:-=)?)* )?(?:(?:<(?:-<)?|>)(?:,(?:<(?:-<)?|>))* )?#(?:-#)?\+?(?:,#(?:-#)?\+?)*'
        || '|(?:=(?:-=)?(?:,=(?:-=)?)* )?(?:<(?:-<)?|>)(?:,(?:<(?:-<)?|>))*|=(?:-=)?(?:,=(?:-=)?)*)(?: !)?(?: "")?|!(?: "")?|""))*$'
    );
end
$function$;

-- NULL when the text is valid in the subset of the OpenStreetMap
-- opening_hours syntax that the sources write (docs/normalization.md), else
-- the first problem found. The subset:
--   rules       separated by '; ', ', ' (additional rule) or ' || '
--   rule        '24/7' or [months] [weekdays] [times], then [modifier] [comment],
--               at least one part (a lone 'off', 'open' or comment is a rule)
--   months      Jul | Jul-Aug | Dec 25 | Dec 25-Jan 1 | Mar 01-15, listed with ','
--   weekdays    Mo..Su, ranges Mo-Fr (Fr-Mo wraps), PH and SH, listed with ','
--   times       08:30-12:00, an open end 18:00+, listed with ','; a range
--               ending before it starts runs past midnight (night shelters)
--   modifier    open | closed | off | unknown;  comment "…"
-- Week and year selectors, sunrise/sunset and nth weekdays are not used by
-- any source and are reported as unparsable.
create or replace function public.opening_hours_problem(raw text)
returns text
language plpgsql
immutable
parallel safe
as $function$
declare
    token_pattern constant text :=
        '"[^"]*"|"|\|\||24/7|[0-9]+[hH][0-9]*|[0-9]+:[0-9]+|[0-9]+|[[:alpha:]]+|[^[:space:]]';
    days constant text[] := array['Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa', 'Su'];
    months constant text[] := array['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
    tokens text[] := '{}';
    starts int[] := '{}';
    -- a no-break space separates tokens like a space
    hours text := translate(coalesce(raw, ''), chr(160), ' ');
    consumed int;
    i int := 1;
    rule_start int;
    month text;
    has_day boolean;
    problem text;
begin
    if btrim(hours) = '' then
        return null;
    end if;
    if public.opening_hours_usual_spelling(raw) then
        return null;
    end if;

    -- Tokens and where each starts, for the excerpt in the reasons. Every
    -- character that is not a space belongs to a token, so the matches leave
    -- no gap and the positions add up.
    select
        coalesce(array_agg(piece.token order by piece.number), '{}'),
        coalesce(array_agg(piece.start order by piece.number), '{}'),
        coalesce(max(piece.finish), 0)
    into tokens, starts, consumed
    from (
        select
            match.number as number,
            match.parts[2] as token,
            sum(char_length(match.parts[1]) + char_length(match.parts[2])) over (order by match.number)
                - char_length(match.parts[2]) + 1 as start,
            sum(char_length(match.parts[1]) + char_length(match.parts[2])) over (order by match.number) as finish
        from regexp_matches(hours, '([[:space:]]*)(' || token_pattern || ')', 'g') with ordinality as match (parts, number)
    ) as piece;
    -- End markers, so that looking one or two tokens ahead never reads NULL.
    tokens := tokens || array['', ''];
    starts := starts || array[consumed + 1, consumed + 1];

    <<rules>>
    loop
        rule_start := i;
        if tokens[i] = '24/7' then
            i := i + 1;
        else
            -- months and dates: Jul, Jul-Aug, Dec 25-Jan 1, Mar 01-15, listed with ','
            while tokens[i] = any(months) loop
                month := tokens[i];
                i := i + 1;
                has_day := tokens[i] ~ '^[0-9]+$';
                if has_day then
                    problem := public.opening_hours_date_problem(month, tokens[i]);
                    if problem is not null then
                        return problem;
                    end if;
                    i := i + 1;
                end if;
                if tokens[i] = '-' then
                    i := i + 1;
                    if tokens[i] = any(months) then
                        month := tokens[i];
                        i := i + 1;
                    elsif not has_day then
                        return public.opening_hours_token_problem(tokens[i], substr(raw, starts[i]));
                    end if;
                    -- a range that starts on a day ends on a day: Dec 25-Jan 1, Mar 01-15
                    if has_day then
                        if tokens[i] !~ '^[0-9]+$' then
                            return public.opening_hours_token_problem(tokens[i], substr(raw, starts[i]));
                        end if;
                        problem := public.opening_hours_date_problem(month, tokens[i]);
                        if problem is not null then
                            return problem;
                        end if;
                        i := i + 1;
                    end if;
                end if;
                exit when not (tokens[i] = ',' and tokens[i + 1] = any(months));
                i := i + 1;
            end loop;

            -- weekdays and holidays: Mo-Fr, Mo,We, Sa, Su, PH, SH, listed with ','
            while tokens[i] = any(days) or tokens[i] in ('PH', 'SH') loop
                i := i + 1;
                if tokens[i - 1] = any(days) and tokens[i] = '-' then
                    if not tokens[i + 1] = any(days) then
                        return public.opening_hours_token_problem(tokens[i + 1], substr(raw, starts[i + 1]));
                    end if;
                    i := i + 2;
                end if;
                exit when not (tokens[i] = ',' and (tokens[i + 1] = any(days) or tokens[i + 1] in ('PH', 'SH')));
                i := i + 1;
            end loop;

            -- times: 08:30-12:00, an open end 18:00+, listed with ','
            while tokens[i] ~ '^[0-9]+:[0-9]+$' loop
                problem := public.opening_hours_time_problem(tokens[i]);
                if problem is not null then
                    return problem;
                end if;
                i := i + 1;
                if tokens[i] = '-' then
                    if tokens[i + 1] !~ '^[0-9]+:[0-9]+$' then
                        return public.opening_hours_token_problem(tokens[i + 1], substr(raw, starts[i + 1]));
                    end if;
                    problem := public.opening_hours_time_problem(tokens[i + 1]);
                    if problem is not null then
                        return problem;
                    end if;
                    if tokens[i + 1] = tokens[i - 1] then
                        return format('empty time range %s-%s', tokens[i - 1], tokens[i + 1]);
                    end if;
                    i := i + 2;
                end if;
                if tokens[i] = '+' then
                    i := i + 1;
                end if;
                exit when not (tokens[i] = ',' and tokens[i + 1] ~ '^[0-9]+:[0-9]+$');
                i := i + 1;
            end loop;
        end if;

        if tokens[i] in ('open', 'closed', 'off', 'unknown') then
            i := i + 1;
        end if;
        if tokens[i] ~ '^".*"$' and char_length(tokens[i]) >= 2 then
            i := i + 1;
        end if;

        if i = rule_start then
            return public.opening_hours_token_problem(tokens[i], substr(raw, starts[i]));
        end if;
        exit rules when tokens[i] = '';
        if tokens[i] not in (';', ',', '||') then
            return public.opening_hours_token_problem(tokens[i], substr(raw, starts[i]));
        end if;
        if tokens[i + 1] = '' then
            return format('empty rule after the last ''%s''', tokens[i]);
        end if;
        i := i + 1;
    end loop;

    return null;
end
$function$;

comment on function public.opening_hours_problem(text) is 'NULL when the text is valid in the OSM opening_hours subset the sources write, else the first problem found.';
