package io.github.pgssl.quarkus.deployment;

import io.quarkus.hibernate.reactive.panache.PanacheEntity;

import jakarta.persistence.Entity;

/** A Hibernate Reactive Panache entity for {@link ReactiveHostListPanacheIT}. */
@Entity
public class Greeting extends PanacheEntity {
    /** The text. */
    public String text;
}
