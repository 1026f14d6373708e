-- The publisher re-points marts.<table> at marts_v<N>.<table>; the models'
-- column descriptions (the YAML, written as COMMENTs on the version's
-- tables by the materializer) are copied onto the view's columns, so that
-- analysts and tools reading the stable marts.* views see them too. A
-- column with no description gets its comment removed, never a stale one.
create or replace function ops.copy_column_comments(from_relation regclass, to_relation regclass) returns integer
language plpgsql
as $$
declare
    target record;
    copied integer := 0;
begin
    for target in
        select target_column.attname as name, col_description(from_relation, source_column.attnum) as description
        from pg_attribute as target_column
        left join pg_attribute as source_column
            on source_column.attrelid = from_relation and source_column.attname = target_column.attname
            and source_column.attnum > 0 and not source_column.attisdropped
        where target_column.attrelid = to_relation and target_column.attnum > 0 and not target_column.attisdropped
        order by target_column.attnum
    loop
        execute format('comment on column %s.%I is %L', to_relation, target.name, target.description);
        if target.description is not null then
            copied := copied + 1;
        end if;
    end loop;
    return copied;
end
$$;

revoke all on function ops.copy_column_comments(regclass, regclass) from public;
