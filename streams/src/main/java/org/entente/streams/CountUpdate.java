package org.entente.streams;

import org.entente.common.CountValue;

/** A count to publish on one of the count topics; a null value is a tombstone (count zero). */
record CountUpdate(String topic, CountValue value) {
}
