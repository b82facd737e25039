/*
 * Copyright 2026 the parallel-tasks authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *      https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

package io.github.paralleltasks.micrometer;

import java.util.Iterator;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

/**
 * An {@link Observation.Context} that keeps the key values a convention gives it as the
 * convention gave them, instead of putting each into a map of the context and copying and
 * sorting them out of it at each read. A batch's or a task's convention gives the same
 * keys at the start and at the stop of the observation, and the meter handler reads them
 * at both: kept, they cost neither the map's table and entries nor the copies.
 *
 * <p>
 * Any other change to one side (low or high cardinality) moves that side's key values
 * into the context's map first, and from then on that side is a plain context's: a set of
 * key values that lacks a key kept, a single key value added, a key removed (an
 * {@code ObservationFilter}, a handler, a user's convention). So every reader sees what a
 * plain context would hold. That holds only while {@code Observation.Context} reaches its
 * maps through the methods overridden here: if it has methods other than those
 * {@link ContextMethods} knows (a version of Micrometer not known here), nothing is kept.
 *
 * @author parallel-tasks authors
 */
abstract class KeptKeyValuesContext extends KeptEntriesContext {

	/** The value of a side whose key values are in the context's map. */
	private static final KeyValues IN_MAP = KeyValues.of("in.map", "in.map");

	// Each side's key values while kept (null for none yet), else IN_MAP; written under
	// this context's lock, read without it. A side moves to the map once, and only after
	// the map holds them
	private volatile @Nullable KeyValues low;

	private volatile @Nullable KeyValues high;

	@Override
	public Observation.Context addLowCardinalityKeyValues(KeyValues keyValues) {
		return keep(true, keyValues) ? this : super.addLowCardinalityKeyValues(keyValues);
	}

	@Override
	public Observation.Context addHighCardinalityKeyValues(KeyValues keyValues) {
		return keep(false, keyValues) ? this : super.addHighCardinalityKeyValues(keyValues);
	}

	@Override
	public Observation.Context addLowCardinalityKeyValue(KeyValue keyValue) {
		keep(true, null);
		return super.addLowCardinalityKeyValue(keyValue);
	}

	@Override
	public Observation.Context addHighCardinalityKeyValue(KeyValue keyValue) {
		keep(false, null);
		return super.addHighCardinalityKeyValue(keyValue);
	}

	@Override
	public Observation.Context removeLowCardinalityKeyValue(String keyName) {
		keep(true, null);
		return super.removeLowCardinalityKeyValue(keyName);
	}

	@Override
	public Observation.Context removeHighCardinalityKeyValue(String keyName) {
		keep(false, null);
		return super.removeHighCardinalityKeyValue(keyName);
	}

	@Override
	public Observation.Context removeLowCardinalityKeyValues(String... keyNames) {
		keep(true, null);
		return super.removeLowCardinalityKeyValues(keyNames);
	}

	@Override
	public Observation.Context removeHighCardinalityKeyValues(String... keyNames) {
		keep(false, null);
		return super.removeHighCardinalityKeyValues(keyNames);
	}

	@Override
	public KeyValues getLowCardinalityKeyValues() {
		KeyValues kept = this.low;
		if (kept == IN_MAP) {
			return super.getLowCardinalityKeyValues();
		}
		return (kept != null) ? kept : KeyValues.empty();
	}

	@Override
	public KeyValues getHighCardinalityKeyValues() {
		KeyValues kept = this.high;
		if (kept == IN_MAP) {
			return super.getHighCardinalityKeyValues();
		}
		return (kept != null) ? kept : KeyValues.empty();
	}

	@Override
	public @Nullable KeyValue getLowCardinalityKeyValue(String key) {
		KeyValues kept = this.low;
		if (kept == IN_MAP) {
			return super.getLowCardinalityKeyValue(key);
		}
		return (kept != null) ? find(kept, key) : null;
	}

	@Override
	public @Nullable KeyValue getHighCardinalityKeyValue(String key) {
		KeyValues kept = this.high;
		if (kept == IN_MAP) {
			return super.getHighCardinalityKeyValue(key);
		}
		return (kept != null) ? find(kept, key) : null;
	}

	/**
	 * Keep the given key values of one side in place of those kept, if they have every
	 * key kept; else, or for any other change ({@code null}), move the side's key values
	 * into the map, once.
	 * @param lowSide the low-cardinality side, else the high one
	 * @param keyValues the key values to add, or {@code null} for another change
	 * @return whether they were kept, else the change is for the map
	 */
	private boolean keep(boolean lowSide, @Nullable KeyValues keyValues) {
		KeyValues current = side(lowSide);
		if (current == IN_MAP) {
			return false;
		}
		if (current == keyValues && keyValues != null && ContextMethods.KNOWN) {
			// The same instance again, as a convention that keeps its key values gives
			return true;
		}
		synchronized (this) {
			KeyValues kept = side(lowSide);
			if (kept == IN_MAP) {
				return false;
			}
			if (keyValues != null && ContextMethods.KNOWN && (kept == null || covers(keyValues, kept))) {
				setSide(lowSide, keyValues);
				return true;
			}
			// The single puts of the superclass: its other methods call back the ones
			// overridden here
			for (KeyValue keyValue : (kept != null) ? kept : KeyValues.empty()) {
				if (lowSide) {
					super.addLowCardinalityKeyValue(keyValue);
				}
				else {
					super.addHighCardinalityKeyValue(keyValue);
				}
			}
			setSide(lowSide, IN_MAP);
			return false;
		}
	}

	private @Nullable KeyValues side(boolean lowSide) {
		return lowSide ? this.low : this.high;
	}

	private void setSide(boolean lowSide, KeyValues keyValues) {
		if (lowSide) {
			this.low = keyValues;
		}
		else {
			this.high = keyValues;
		}
	}

	/**
	 * Return whether {@code next} has every key of {@code kept}, so that the key values
	 * of both merged are {@code next}'s. Both are sorted by key; a different order could
	 * only give {@code false}, which is safe.
	 */
	private static boolean covers(KeyValues next, KeyValues kept) {
		if (next == kept) {
			return true;
		}
		Iterator<KeyValue> candidates = next.iterator();
		for (KeyValue keyValue : kept) {
			if (!advanceTo(candidates, keyValue.getKey())) {
				return false;
			}
		}
		return true;
	}

	private static boolean advanceTo(Iterator<KeyValue> candidates, String key) {
		while (candidates.hasNext()) {
			int order = candidates.next().getKey().compareTo(key);
			if (order >= 0) {
				return order == 0;
			}
		}
		return false;
	}

	private static @Nullable KeyValue find(KeyValues keyValues, String key) {
		for (KeyValue keyValue : keyValues) {
			if (keyValue.getKey().equals(key)) {
				return keyValue;
			}
		}
		return null;
	}

}
