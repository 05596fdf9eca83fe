package io.fsql.sql.tree;

/** What a DESCRIBE names; ANY when the statement did not say. */
public enum ObjectKind { ANY, FEATURE_GROUP, FEATURE_VIEW, TRAINING_DATASET }
