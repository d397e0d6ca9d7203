create table if not exists prediction_log (
	id bigint auto_increment primary key,
	label varchar(32) not null,
	score double not null,
	created_at timestamp default current_timestamp
);
