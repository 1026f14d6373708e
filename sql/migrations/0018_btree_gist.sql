-- btree_gist (contrib) lets one GiST index hold a scalar beside a point:
-- service_search_points is indexed on (thematique, point), so a search for
-- one thematique around a commune reads the services of that thematique in
-- the radius' box, not every service of the box.
create extension if not exists btree_gist;
