-- Normalizers for URLs and opening hours, and personal e-mails recognised by
-- first name (issue: clean and enrich). Like those of 0007, they return NULL
-- for a value they cannot make valid, and a companion function says why, so
-- that the final layer lists the value with its reason instead of dropping it
-- silently. docs/normalization.md lists every normalizer with examples.

-- URLs ----------------------------------------------------------------------

-- One parse gives both the URL and the problem, so the two public functions
-- below can never disagree. Upstream accepts only http(s) URLs with a host
-- (pydantic HttpUrl, at most 2083 characters) and adds https:// to a bare
-- domain; it also requests every URL, which cannot be done here.
create or replace function public.url_checked(raw text, out normalized text, out problem text)
language plpgsql
immutable
parallel safe
as $function$
declare
    blank constant text := '[[:space:]\u00a0\u200b]';
    value text := regexp_replace(coalesce(raw, ''), '^' || blank || '+|' || blank || '+$', '', 'g');
    host_part text;
    compact text;
    parts text[];
    authority text;
    userinfo text;
    host text;
    port text;
begin
    if value = '' then
        return;
    end if;

    -- Spaces and line breaks inside a path come from copying a long URL out of
    -- a document and are removed; between two words of the host they mean
    -- prose ("voir www.exemple.fr"), which would otherwise glue into a host.
    host_part := substring(value from '(?i)^(?:[a-z][a-z0-9+.-]*:/*)?([^/?#]*)');
    if host_part ~ ('[[:alnum:]]' || blank || '+[[:alnum:]]') then
        problem := format('spaces in the host part ''%s''', left(host_part, 60));
        return;
    end if;
    compact := regexp_replace(value, blank || '+', '', 'g');

    if compact ~* '^https?:' then
        -- "http:/x.fr", "https:///x.fr" and "http:x.fr" are typing slips
        compact := regexp_replace(compact, '^(https?):/*', '\1://', 'i');
    elsif compact ~ '^//' then
        compact := 'https:' || compact;
    elsif compact ~* '^[a-z][a-z0-9+.-]*:' and compact !~* '^[^:/]+\.[^:/]+:[0-9]+([/?#]|$)' then
        problem := format('scheme ''%s'' is not http(s)', lower(substring(compact from '^([^:]*)')));
        return;
    elsif compact ~* '^[^/@:?#]+@[^/@:?#]+\.[a-z]+$' then
        problem := 'an e-mail address, not a URL';
        return;
    else
        compact := 'https://' || compact;
    end if;

    parts := regexp_match(compact, '(?i)^(https?)://([^/?#]*)(.*)$');
    authority := parts[2];
    if authority = '' then
        problem := 'no host';
        return;
    end if;
    if authority like '%@%' then
        userinfo := substring(authority from '^(.*)@');
        authority := substring(authority from '^.*@(.*)$');
    end if;
    host := lower(substring(authority from '^([^:]*)'));
    port := substring(authority from ':(.*)$');
    -- a final dot names the same host ("www.exemple.fr.")
    host := regexp_replace(host, '\.$', '');

    if host = '' then
        problem := 'no host';
    elsif host = 'localhost' then
        null;
    elsif host ~ '^[0-9]{1,3}(\.[0-9]{1,3}){3}$' then
        if exists (select from unnest(string_to_array(host, '.')) as octet (value) where octet.value::int > 255) then
            problem := format('IP address %s out of range', host);
        end if;
    elsif host !~ '\.' then
        problem := format('host ''%s'' has no dot', host);
    elsif host !~ '^([[:alnum:]]([[:alnum:]-]*[[:alnum:]])?\.)+([[:alpha:]]{2,63}|xn--[a-z0-9-]+)$' then
        problem := format('invalid host ''%s''', left(host, 60));
    end if;
    if problem is null and port is not null then
        if port !~ '^[0-9]{1,5}$' then
            problem := format('invalid port ''%s''', left(port, 20));
        elsif port::int not between 1 and 65535 then
            problem := format('port %s out of range', port);
        end if;
    end if;
    if problem is not null then
        return;
    end if;

    normalized := lower(parts[1]) || '://'
        || coalesce(userinfo || '@', '') || host || coalesce(':' || port, '') || parts[3];
    if char_length(normalized) > 2083 then
        problem := 'longer than 2083 characters';
        normalized := null;
    end if;
end
$function$;

comment on function public.url_checked(text) is 'The normalized http(s) URL and, when there is none for a non-empty input, why.';

create or replace function public.url_normalized(raw text)
returns text
language sql
immutable
parallel safe
as $function$
select (public.url_checked(raw)).normalized
$function$;

comment on function public.url_normalized(text) is 'An http(s) URL trimmed, without spaces, https:// added to a bare domain, scheme and host lower-cased; NULL when not a valid http(s) URL with a host.';

create or replace function public.url_problem(raw text)
returns text
language sql
immutable
parallel safe
as $function$
select (public.url_checked(raw)).problem
$function$;

comment on function public.url_problem(text) is 'Why url_normalized returns NULL for a non-empty value; NULL otherwise.';
