// The one class Rust talks to (through manganis::ffi, see ../../../../../../src/android.rs).
// Every method is safe to call from any thread; UI work is posted to the UI thread.
package org.mend.platform

import android.Manifest
import android.app.Activity
import android.app.AlarmManager
import android.app.PendingIntent
import android.content.Context
import android.content.Intent
import android.content.pm.PackageManager
import android.os.Build
import android.view.WindowManager

class MendBridge(private val activity: Activity) {

    /**
     * Replace every planned reminder with `plan`: one line per reminder, "millis\ttitle\tbody".
     * Returns how many were planned (-1 for a line that isn't a reminder: nothing is planned then).
     */
    fun scheduleReminders(plan: String): Int {
        val context = activity.applicationContext
        val alarms = context.getSystemService(Context.ALARM_SERVICE) as AlarmManager
        for (slot in 0 until MAX_PLANNED) {
            alarms.cancel(reminderIntent(context, slot, null, null))
        }
        val reminders = plan.lines().filter { it.isNotBlank() }.take(MAX_PLANNED).map { line ->
            val parts = line.split('\t')
            val at = parts.getOrNull(0)?.toLongOrNull()
            if (parts.size != 3 || at == null) return -1
            Triple(at, parts[1], parts[2])
        }
        if (reminders.isNotEmpty()) askToNotify()
        reminders.forEachIndexed { slot, (at, title, body) ->
            // Inexact on purpose: a reminder may come a few minutes late, and no exact-alarm
            // permission is needed for it.
            alarms.setAndAllowWhileIdle(
                AlarmManager.RTC_WAKEUP, at, reminderIntent(context, slot, title, body))
        }
        return reminders.size
    }

    /** Keep the window out of the app switcher's thumbnails and out of screenshots. */
    fun secureWindow() {
        activity.runOnUiThread {
            activity.window.setFlags(
                WindowManager.LayoutParams.FLAG_SECURE, WindowManager.LayoutParams.FLAG_SECURE)
        }
    }

    /** Ask where to save `text` as `fileName` (the system's save dialog). */
    fun shareBackup(fileName: String, text: String) {
        BackupFileActivity.pendingExport = BackupFileActivity.Export(fileName, text)
        activity.startActivity(Intent(activity, BackupFileActivity::class.java)
            .putExtra(BackupFileActivity.MODE, BackupFileActivity.MODE_EXPORT))
    }

    /** Open the system's document picker for a backup file; the answer comes from [takePickedBackup]. */
    fun pickBackup() {
        BackupFileActivity.picked = null
        activity.startActivity(Intent(activity, BackupFileActivity::class.java)
            .putExtra(BackupFileActivity.MODE, BackupFileActivity.MODE_IMPORT))
    }

    /**
     * The picker's answer once there is one, then null again: "text:" + the file's text,
     * "cancelled", or "error:" + why.
     */
    fun takePickedBackup(): String? {
        val answer = BackupFileActivity.picked
        BackupFileActivity.picked = null
        return answer
    }

    private fun askToNotify() {
        if (Build.VERSION.SDK_INT < 33) return
        val permission = Manifest.permission.POST_NOTIFICATIONS
        if (activity.checkSelfPermission(permission) == PackageManager.PERMISSION_GRANTED) return
        activity.runOnUiThread { activity.requestPermissions(arrayOf(permission), ASK_NOTIFY) }
    }

    companion object {
        /** More than Rust ever plans (mend-shared's PLANNED_AHEAD is 14). */
        const val MAX_PLANNED = 32
        private const val ASK_NOTIFY = 4701

        fun reminderIntent(context: Context, slot: Int, title: String?, body: String?): PendingIntent {
            val intent = Intent(context, ReminderReceiver::class.java)
            if (title != null) intent.putExtra(ReminderReceiver.TITLE, title)
            if (body != null) intent.putExtra(ReminderReceiver.BODY, body)
            return PendingIntent.getBroadcast(
                context, slot, intent,
                PendingIntent.FLAG_UPDATE_CURRENT or PendingIntent.FLAG_IMMUTABLE)
        }
    }
}
