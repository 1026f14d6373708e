-- Consumption of the API (docs/reporting.md): views over
-- api.consumption_events, which the warehouse_analyst role cannot read
-- itself (tokens and origins stay private) but reads through these views,
-- owned by the warehouse. They read tables only, which migrations make, so
-- they are plain `create or replace view` statements: editing this file
-- re-applies them at the next `migrate` with no new migration, and `create
-- or replace` keeps their identity for the dashboards keyed on them (a
-- column may be added at the end, never removed or retyped).
--
-- Crawlers (is_bot) are counted apart: every figure below is of requests
-- made with a token, except the bot_requests columns. A consumer is the
-- token's subject.

create or replace view reporting.requests_per_day as
select
    (occurred_at at time zone 'UTC')::date as day,
    count(*) filter (where not is_bot) as requests,
    count(distinct subject) filter (where not is_bot) as consumers,
    count(*) filter (where not is_bot and status >= 400) as failed_requests,
    count(*) filter (where is_bot) as bot_requests
from api.consumption_events
group by 1;
comment on view reporting.requests_per_day is 'API requests per UTC day: one row per day with at least one request (bots included in bot_requests only).';
comment on column reporting.requests_per_day.day is 'The UTC day.';
comment on column reporting.requests_per_day.requests is 'Requests made with a token that day (crawlers excluded).';
comment on column reporting.requests_per_day.consumers is 'Distinct consumers (token subjects) that made a request that day.';
comment on column reporting.requests_per_day.failed_requests is 'Of requests, those answered with a status of 400 or more.';
comment on column reporting.requests_per_day.bot_requests is 'Requests from crawlers (user agent of a known bot), counted apart.';

create or replace view reporting.requests_per_week as
select
    date_trunc('week', occurred_at at time zone 'UTC')::date as week,
    count(*) filter (where not is_bot) as requests,
    count(distinct subject) filter (where not is_bot) as consumers,
    count(*) filter (where not is_bot and status >= 400) as failed_requests,
    count(*) filter (where is_bot) as bot_requests
from api.consumption_events
group by 1;
comment on view reporting.requests_per_week is 'API requests per ISO week (UTC): one row per week with at least one request.';
comment on column reporting.requests_per_week.week is 'The Monday the ISO week starts on.';
comment on column reporting.requests_per_week.requests is 'Requests made with a token that week (crawlers excluded).';
comment on column reporting.requests_per_week.consumers is 'Distinct consumers (token subjects) that made a request that week.';
comment on column reporting.requests_per_week.failed_requests is 'Of requests, those answered with a status of 400 or more.';
comment on column reporting.requests_per_week.bot_requests is 'Requests from crawlers, counted apart.';

create or replace view reporting.requests_per_month as
select
    date_trunc('month', occurred_at at time zone 'UTC')::date as month,
    count(*) filter (where not is_bot) as requests,
    count(distinct subject) filter (where not is_bot) as consumers,
    count(*) filter (where not is_bot and status >= 400) as failed_requests,
    count(*) filter (where is_bot) as bot_requests
from api.consumption_events
group by 1;
comment on view reporting.requests_per_month is 'API requests per UTC month: one row per month with at least one request (months older than the retention are gone).';
comment on column reporting.requests_per_month.month is 'The first day of the month.';
comment on column reporting.requests_per_month.requests is 'Requests made with a token that month (crawlers excluded).';
comment on column reporting.requests_per_month.consumers is 'Distinct consumers (token subjects) that made a request that month.';
comment on column reporting.requests_per_month.failed_requests is 'Of requests, those answered with a status of 400 or more.';
comment on column reporting.requests_per_month.bot_requests is 'Requests from crawlers, counted apart.';

create or replace view reporting.requests_per_consumer_endpoint as
select
    subject as consumer,
    endpoint,
    count(*) as requests,
    count(*) filter (where status >= 400) as failed_requests,
    sum(result_count) as results_returned,
    min(occurred_at) as first_request_at,
    max(occurred_at) as last_request_at
from api.consumption_events
where not is_bot
group by subject, endpoint;
comment on view reporting.requests_per_consumer_endpoint is 'One row per consumer and endpoint it called (crawlers excluded).';
comment on column reporting.requests_per_consumer_endpoint.consumer is 'The token''s subject.';
comment on column reporting.requests_per_consumer_endpoint.endpoint is 'The endpoint, by its event name (list_services, search_services, consult_structure, v0_list_services…).';
comment on column reporting.requests_per_consumer_endpoint.requests is 'Requests of that consumer to that endpoint.';
comment on column reporting.requests_per_consumer_endpoint.failed_requests is 'Of requests, those answered with a status of 400 or more.';
comment on column reporting.requests_per_consumer_endpoint.results_returned is 'Sum of the result counts the answers reported (the total matching rows of a list, not the page size); null when none reported one.';
comment on column reporting.requests_per_consumer_endpoint.first_request_at is 'The first such request kept.';
comment on column reporting.requests_per_consumer_endpoint.last_request_at is 'The latest such request.';

create or replace view reporting.requests_per_status as
select
    status,
    case when status < 300 then 'success' when status < 400 then 'redirection'
         when status < 500 then 'client error' else 'server error' end as status_class,
    count(*) filter (where not is_bot) as requests,
    count(*) filter (where is_bot) as bot_requests
from api.consumption_events
group by status;
comment on view reporting.requests_per_status is 'One row per HTTP status answered.';
comment on column reporting.requests_per_status.status is 'The HTTP status code.';
comment on column reporting.requests_per_status.status_class is 'success (2xx), redirection (3xx), client error (4xx: bad parameters, token, rate limit) or server error (5xx).';
comment on column reporting.requests_per_status.requests is 'Requests made with a token answered with it.';
comment on column reporting.requests_per_status.bot_requests is 'Crawler requests answered with it.';

create or replace view reporting.latency_per_endpoint as
select
    endpoint,
    count(*) as requests,
    round(percentile_cont(0.5) within group (order by latency_ms)::numeric, 1) as p50_ms,
    round(percentile_cont(0.9) within group (order by latency_ms)::numeric, 1) as p90_ms,
    round(percentile_cont(0.95) within group (order by latency_ms)::numeric, 1) as p95_ms,
    round(percentile_cont(0.99) within group (order by latency_ms)::numeric, 1) as p99_ms,
    round(max(latency_ms)::numeric, 1) as max_ms
from api.consumption_events
where not is_bot
group by endpoint;
comment on view reporting.latency_per_endpoint is 'Answer time percentiles per endpoint, over the requests made with a token (crawlers excluded).';
comment on column reporting.latency_per_endpoint.endpoint is 'The endpoint, by its event name.';
comment on column reporting.latency_per_endpoint.requests is 'Requests measured.';
comment on column reporting.latency_per_endpoint.p50_ms is 'Median time to answer, milliseconds (continuous percentile, 0.1 ms).';
comment on column reporting.latency_per_endpoint.p90_ms is '90th percentile, milliseconds.';
comment on column reporting.latency_per_endpoint.p95_ms is '95th percentile, milliseconds.';
comment on column reporting.latency_per_endpoint.p99_ms is '99th percentile, milliseconds.';
comment on column reporting.latency_per_endpoint.max_ms is 'Slowest answer, milliseconds.';

-- A filter given several values counts once per value.
create or replace view reporting.filter_usage as
select
    filter.name as filter,
    given.value,
    count(*) as requests,
    count(distinct events.subject) as consumers
from api.consumption_events as events
cross join lateral jsonb_each(events.filters) as filter (name, value)
cross join lateral jsonb_array_elements_text(
    case jsonb_typeof(filter.value) when 'array' then filter.value else jsonb_build_array(filter.value) end) as given (value)
where not events.is_bot
  and filter.name in ('thematiques', 'publics', 'code_commune', 'code_departement', 'code_region', 'sources',
                      'frais', 'modes_accueil', 'types', 'reseaux_porteurs')
group by filter.name, given.value;
comment on view reporting.filter_usage is 'How often each filter value was asked for: one row per filter and value (thematiques, publics, code_commune, code_departement, code_region, sources, frais, modes_accueil, types, reseaux_porteurs), crawlers excluded.';
comment on column reporting.filter_usage.filter is 'The query parameter, as the API names it.';
comment on column reporting.filter_usage.value is 'One value given to it (a list counts once per value).';
comment on column reporting.filter_usage.requests is 'Requests that gave that value.';
comment on column reporting.filter_usage.consumers is 'Distinct consumers that gave it.';

-- Unmet demand: a successful list or search of services that found nothing.
create or replace view reporting.unmet_searches as
select
    events.filters ->> 'code_commune' as code_commune,
    thematique.value as thematique,
    count(*) as searches,
    count(distinct events.subject) as consumers,
    max(events.occurred_at) as last_searched_at
from api.consumption_events as events
left join lateral jsonb_array_elements_text(
    case jsonb_typeof(events.filters -> 'thematiques') when 'array' then events.filters -> 'thematiques'
         when 'string' then jsonb_build_array(events.filters -> 'thematiques') else '[]'::jsonb end) as thematique (value) on true
where not events.is_bot
  and events.status = 200
  and events.result_count = 0
  and events.endpoint in ('list_services', 'search_services', 'v0_list_services', 'v0_search_services')
group by 1, 2;
comment on view reporting.unmet_searches is 'Searches and lists of services that answered with no result, per commune asked and thematique asked: one row per (code_commune, thematique), either null when the search did not give it. Crawlers excluded.';
comment on column reporting.unmet_searches.code_commune is 'The commune searched around (code_commune parameter); null when none was given.';
comment on column reporting.unmet_searches.thematique is 'One thematique asked for (a search of several counts once per thematique); null when none was given.';
comment on column reporting.unmet_searches.searches is 'Requests that found nothing.';
comment on column reporting.unmet_searches.consumers is 'Distinct consumers that made them.';
comment on column reporting.unmet_searches.last_searched_at is 'The latest of them.';

create or replace view reporting.consumers as
select
    subject as consumer,
    min(occurred_at) as first_request_at,
    max(occurred_at) as last_request_at,
    count(*) as requests,
    count(distinct endpoint) as endpoints
from api.consumption_events
where not is_bot and subject is not null
group by subject;
comment on view reporting.consumers is 'One row per consumer (token subject) with a request kept: when it started and last called. New consumers of a period: first_request_at in it; lost ones: last_request_at before it.';
comment on column reporting.consumers.consumer is 'The token''s subject.';
comment on column reporting.consumers.first_request_at is 'Its first request kept (older ones are dropped with their month by the retention).';
comment on column reporting.consumers.last_request_at is 'Its latest request.';
comment on column reporting.consumers.requests is 'Requests it made.';
comment on column reporting.consumers.endpoints is 'Distinct endpoints it called.';

create or replace view reporting.consumers_per_month as
with active as (
    select distinct subject, date_trunc('month', occurred_at at time zone 'UTC')::date as month
    from api.consumption_events
    where not is_bot and subject is not null
),
firsts as (
    select subject, min(month) as first_month from active group by subject
),
months as (
    select distinct month from active
    union
    select (month + interval '1 month')::date from active
    where month < date_trunc('month', now() at time zone 'UTC')::date
)
select
    months.month,
    count(distinct current_month.subject) as consumers,
    count(distinct current_month.subject) filter (where firsts.first_month = months.month) as new_consumers,
    (select count(*) from active as previous
     where previous.month = (months.month - interval '1 month')::date
       and not exists (select 1 from active as later where later.subject = previous.subject and later.month = months.month)
    ) as lost_consumers
from months
left join active as current_month on current_month.month = months.month
left join firsts on firsts.subject = current_month.subject
group by months.month;
comment on view reporting.consumers_per_month is 'Per UTC month: consumers active, new (first request kept that month) and lost (active the month before, not this month).';
comment on column reporting.consumers_per_month.month is 'The first day of the month.';
comment on column reporting.consumers_per_month.consumers is 'Consumers with a request that month.';
comment on column reporting.consumers_per_month.new_consumers is 'Of them, those whose first request kept is in that month.';
comment on column reporting.consumers_per_month.lost_consumers is 'Consumers active the month before and not in that month.';

create or replace view reporting.bot_requests as
select
    coalesce(user_agent, '(none)') as user_agent,
    count(*) as requests,
    min(occurred_at) as first_request_at,
    max(occurred_at) as last_request_at
from api.consumption_events
where is_bot
group by 1;
comment on view reporting.bot_requests is 'Crawler requests (counted apart from consumption) per user agent.';
comment on column reporting.bot_requests.user_agent is 'The crawler''s User-Agent header.';
comment on column reporting.bot_requests.requests is 'Requests it made.';
comment on column reporting.bot_requests.first_request_at is 'Its first request kept.';
comment on column reporting.bot_requests.last_request_at is 'Its latest request.';
