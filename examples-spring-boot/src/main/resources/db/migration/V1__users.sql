create table users (id serial primary key, name text not null);
insert into users (name) values ('ada'), ('grace');
